using Microsoft.Data.Sqlite;

namespace CertPortal.Data;

/// <summary>
/// The data folder is the owner's alone (0700) and so are the database, its WAL and shared-memory files and the
/// logs (0600): set when created and put right at every start, since an older version or a copy may have left them
/// readable to others. Nothing happens on Windows, where the folder's ACL decides.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void EnsureFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, FolderMode);
        File.SetUnixFileMode(path, FolderMode);
    }

    /// <summary>
    /// Creates the database file empty with 0600 before SQLite first opens it (an empty file is an empty database),
    /// or fixes it. SQLite gives the -wal and -shm files it creates later the database file's mode.
    /// </summary>
    public static void EnsureDatabase(string? connectionString)
    {
        if (OperatingSystem.IsWindows() || connectionString is null)
            return;
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:" || path.StartsWith("file:", StringComparison.Ordinal))
            return;
        if (!File.Exists(path))
        {
            using var _ = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
        }
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            Fix(file);
    }

    /// <summary>Gives <paramref name="path"/> 0600 if it exists.</summary>
    public static void Fix(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
            File.SetUnixFileMode(path, FileMode);
    }

    /// <summary>Creates <paramref name="path"/> empty with 0600 unless it exists.</summary>
    public static void Precreate(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
            return;
        try
        {
            using var _ = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (a command, or the log sink) created it first; Fix gives it its mode.
            Fix(path);
        }
    }
}
