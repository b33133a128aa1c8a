using System.Runtime.Versioning;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Data;

[SupportedOSPlatform("linux")]
[Trait(TestDatabase.Trait, TestDatabase.Sqlite)]
public sealed class PrivateFilesTests
{
    private const UnixFileMode Owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = Owner | UnixFileMode.UserExecute;
    private const UnixFileMode Everyone = Owner | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    [Fact]
    public async Task The_data_folder_database_wal_and_logs_are_the_owners_alone_from_creation()
    {
        using var folder = new TempFolder();
        await using var portal = new PortalFactory(folder.Path);
        await portal.SeedCustomerAsync(); // a write, so the WAL and its shared memory exist

        AssertPrivate(folder.Path, expectWal: true);
    }

    [Fact]
    public async Task Files_left_readable_to_others_are_put_right_at_start()
    {
        using var folder = new TempFolder();
        await using (var first = new PortalFactory(folder.Path))
            await first.SeedCustomerAsync();
        File.SetUnixFileMode(folder.Path, Everyone | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(Path.Combine(folder.Path, "certportal.db"), Everyone);
        foreach (var log in Directory.GetFiles(Path.Combine(folder.Path, "logs")))
            File.SetUnixFileMode(log, Everyone);

        await using var second = new PortalFactory(folder.Path);
        await second.SeedCustomerAsync();

        AssertPrivate(folder.Path, expectWal: true);
    }

    private static void AssertPrivate(string dataPath, bool expectWal)
    {
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(dataPath));
        var files = new List<string> { Path.Combine(dataPath, "certportal.db") };
        if (expectWal)
            files.AddRange([Path.Combine(dataPath, "certportal.db-wal"), Path.Combine(dataPath, "certportal.db-shm")]);
        var logs = WaitForLogs(Path.Combine(dataPath, "logs"));
        files.AddRange(logs);
        Assert.All(files, file => Assert.True(File.Exists(file) && File.GetUnixFileMode(file) == Owner,
            $"{Path.GetFileName(file)}: {(File.Exists(file) ? File.GetUnixFileMode(file) : "missing")}"));
        Console.WriteLine($"checked {files.Count} files: {string.Join(", ", files.Select(Path.GetFileName))}");
    }

    // The log folder is looked after by a background service that starts with the host; give it a moment.
    private static string[] WaitForLogs(string folder)
    {
        for (var wait = 0; wait < 50; wait++)
        {
            if (Directory.Exists(folder) && Directory.GetFiles(folder, "*.log") is { Length: >= 2 } logs
                && logs.All(l => File.GetUnixFileMode(l) == Owner))
                return logs;
            Thread.Sleep(100);
        }
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.log") : [];
    }
}
