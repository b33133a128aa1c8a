using Microsoft.Extensions.Options;

namespace CertPortal.Data;

/// <summary>
/// Where the master key lives: env <c>CERTPORTAL_MASTER_KEY</c> (base64) or <c>master.key</c> (mode 0600) in the data
/// folder, made on first start. A rotation writes <c>master.key.next</c> before it touches the database and renames
/// it into place after, so a crash in between never leaves the database without its key.
/// </summary>
public sealed class MasterKeyStore(IConfiguration configuration, IOptions<DataOptions> options)
{
    public const string EnvironmentVariable = "CERTPORTAL_MASTER_KEY";

    public string KeyFile => Path.Combine(options.Value.DataPath, "master.key");

    public string NextKeyFile => KeyFile + ".next";

    public bool FromEnvironment => !string.IsNullOrWhiteSpace(configuration[EnvironmentVariable]);

    /// <summary>The keys that may fit the database, best first. Empty when none is configured or on disk.</summary>
    public IReadOnlyList<(MasterKey Key, string Source)> Candidates()
    {
        if (FromEnvironment)
            return [(MasterKey.FromBase64(configuration[EnvironmentVariable]!, EnvironmentVariable), EnvironmentVariable)];
        var found = new List<(MasterKey, string)>();
        if (File.Exists(KeyFile))
            found.Add((ReadFile(KeyFile), KeyFile));
        if (File.Exists(NextKeyFile))
            found.Add((ReadFile(NextKeyFile), NextKeyFile));
        return found;
    }

    public MasterKey CreateKeyFile()
    {
        var key = MasterKey.Generate();
        WriteFile(KeyFile, key);
        return key;
    }

    public void WriteNextKeyFile(MasterKey key) => WriteFile(NextKeyFile, key);

    /// <summary>Finishes a rotation: the next key becomes the key.</summary>
    public void PromoteNextKeyFile() => File.Move(NextKeyFile, KeyFile, overwrite: true);

    public void DiscardNextKeyFile() => File.Delete(NextKeyFile);

    private static MasterKey ReadFile(string path) => MasterKey.FromBase64(File.ReadAllText(path), path);

    private static void WriteFile(string path, MasterKey key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, fileOptions))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(key.ToBase64());
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
