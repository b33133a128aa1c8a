namespace CertPortal.Tests.Infrastructure;

/// <summary>A fresh folder under the system temp dir, removed when disposed.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "certportal-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a log file open; the OS cleans temp.
        }
    }
}
