namespace CertPortal.Tests.Infrastructure;

/// <summary>The daily log files a portal writes under its data folder, read while it still writes them.</summary>
public static class PortalLogFiles
{
    public static string[] Lines(string dataPath)
    {
        var lines = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(dataPath, "logs"), "certportal-*.log"))
        {
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            lines.AddRange(reader.ReadToEnd().Split('\n'));
        }
        return lines.ToArray();
    }
}
