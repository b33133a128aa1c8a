using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Sftp;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// Replaces files on a host so that each one changes in one step: the new content goes to a temporary name in the
/// same directory, the current file is copied to <c>.certportal-bak</c>, then the new one is renamed over it
/// (posix-rename@openssh.com, atomic). <see cref="UndoAsync"/> renames the backups back.
/// </summary>
internal sealed class RemoteFileSwap(SftpClient sftp, IReadOnlyList<RemoteFile> files)
{
    public const string StagedSuffix = ".certportal-new";
    public const string BackupSuffix = ".certportal-bak";

    private readonly List<(RemoteFile File, bool HadOriginal)> _swapped = [];

    /// <summary>Writes every file under its temporary name; the key is 0600 before a byte of it is written.</summary>
    public async Task StageAsync(CancellationToken ct)
    {
        foreach (var file in files)
        {
            var current = await AttributesAsync(file.Path, ct);
            var mode = file.Secret ? (short)600 : current is null ? (short)644 : Mode(current);
            await WriteAsync(file.Path + StagedSuffix, System.Text.Encoding.UTF8.GetBytes(file.Content), mode, ct);
        }
    }

    /// <summary>Backs up and replaces each file; what was swapped is remembered for <see cref="UndoAsync"/>.</summary>
    public async Task SwapAsync(CancellationToken ct)
    {
        foreach (var file in files)
        {
            var current = await AttributesAsync(file.Path, ct);
            if (current is not null)
                await WriteAsync(file.Path + BackupSuffix, await ReadAsync(file.Path, ct), Mode(current), ct);
            else if (await AttributesAsync(file.Path + BackupSuffix, ct) is not null)
                await sftp.DeleteFileAsync(file.Path + BackupSuffix, ct); // a backup from an older run is not this file's past
            sftp.RenameFile(file.Path + StagedSuffix, file.Path, isPosix: true);
            _swapped.Add((file, current is not null));
        }
    }

    /// <summary>After a failed step: the swapped files get their backups back (new ones are removed), staged files are deleted.</summary>
    public async Task UndoAsync(CancellationToken ct)
    {
        foreach (var (file, hadOriginal) in Enumerable.Reverse(_swapped))
        {
            if (hadOriginal)
                sftp.RenameFile(file.Path + BackupSuffix, file.Path, isPosix: true);
            else
                await sftp.DeleteFileAsync(file.Path, ct);
        }
        _swapped.Clear();
        await DiscardStagedAsync(ct);
    }

    /// <summary>After a failed verification (a later connection): every file with a backup gets it back; returns how many.</summary>
    public async Task<int> RestoreBackupsAsync(CancellationToken ct)
    {
        var restored = 0;
        foreach (var file in files)
        {
            if (await AttributesAsync(file.Path + BackupSuffix, ct) is null)
                continue;
            sftp.RenameFile(file.Path + BackupSuffix, file.Path, isPosix: true);
            restored++;
        }
        return restored;
    }

    public async Task DiscardStagedAsync(CancellationToken ct)
    {
        foreach (var file in files)
            if (await AttributesAsync(file.Path + StagedSuffix, ct) is not null)
                await sftp.DeleteFileAsync(file.Path + StagedSuffix, ct);
    }

    private async Task<SftpFileAttributes?> AttributesAsync(string path, CancellationToken ct)
    {
        try
        {
            return await sftp.GetAttributesAsync(path, ct);
        }
        catch (SftpPathNotFoundException)
        {
            return null;
        }
    }

    private async Task<byte[]> ReadAsync(string path, CancellationToken ct)
    {
        await using var stream = await sftp.OpenAsync(path, FileMode.Open, FileAccess.Read, ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, ct);
        return copy.ToArray();
    }

    // The mode is set while the file is still empty, so a key is never readable by others, not even for a moment.
    private async Task WriteAsync(string path, byte[] content, short mode, CancellationToken ct)
    {
        await using var stream = await sftp.OpenAsync(path, FileMode.Create, FileAccess.Write, ct);
        sftp.ChangePermissions(path, mode);
        await stream.WriteAsync(content, ct);
    }

    /// <summary>The permission bits as the octal digits SSH.NET's ChangePermissions takes (e.g. 644).</summary>
    private static short Mode(SftpFileAttributes a) => (short)(
        100 * Bits(a.OwnerCanRead, a.OwnerCanWrite, a.OwnerCanExecute) + 10 * Bits(a.GroupCanRead, a.GroupCanWrite, a.GroupCanExecute) +
        Bits(a.OthersCanRead, a.OthersCanWrite, a.OthersCanExecute));

    private static int Bits(bool read, bool write, bool execute) => (read ? 4 : 0) + (write ? 2 : 0) + (execute ? 1 : 0);
}
