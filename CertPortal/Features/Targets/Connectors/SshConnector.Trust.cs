using System.Security.Cryptography;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// Trust on a Linux host: the CA certificate and its CRL as PEM files (what nginx's <c>ssl_client_certificate</c> and
/// <c>ssl_crl</c> read), swapped in with backups, then the test and reload commands. Verification reads both files back
/// and compares their SHA-256 with what was pushed; rollback puts the backups back and reloads.
/// </summary>
public sealed partial class SshConnector : ITrustConnector
{
    public IReadOnlyList<TargetField> TrustOptions { get; } =
    [
        new("caPath", "CA file path", "Absolute path of the CA certificate file, e.g. what ssl_client_certificate names. The file holds this CA only."),
        new("crlPath", "CRL file path", "Optional: absolute path of the CRL file (PEM), e.g. what ssl_crl names; written on every new CRL.", Required: false),
        new("testCommand", "Test command", "Optional: defaults to the target's test command.", Required: false),
        new("reloadCommand", "Reload command", "Optional: defaults to the target's reload command.", Required: false),
    ];

    public async Task PushTrustAsync(TrustPush push, CancellationToken ct)
    {
        var (target, files) = TrustFiles(push);
        using var session = await TargetException.InStepAsync("connect", () => SshSession.OpenAsync(target, ct));
        await push.StepAsync("connect", $"Logged in to {target.Address} as '{target.Username}'; the host key matches the pin.");
        await new SshFileRollout(session, target, push.StepAsync).ReplaceAsync(files,
            $"CA '{push.Material.Name}'{(push.Material.CrlDer is null ? "" : $" and CRL number {push.Material.CrlNumber}")} in {string.Join(", ", files.Select(f => f.Path))}; " +
            $"the old files are kept as {RemoteFileSwap.BackupSuffix}.", ct);
    }

    public async Task<string> VerifyTrustAsync(TrustPush push, CancellationToken ct)
    {
        var (target, files) = TrustFiles(push);
        using var session = await SshSession.OpenAsync(target, ct);
        foreach (var file in files)
        {
            var held = await Task.Run(() => session.Sftp.ReadAllBytes(file.Path), ct);
            if (!SHA256.HashData(held).AsSpan().SequenceEqual(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(file.Content))))
                throw new TargetException($"{file.Path} on {target.Address} is not what was pushed (another writer?).") { Step = "verify" };
        }
        return $"{string.Join(" and ", files.Select(f => f.Path))} read back with the pushed SHA-256; the reload exited 0.";
    }

    public async Task<string> RollbackTrustAsync(TrustPush push, CancellationToken ct)
    {
        var (target, files) = TrustFiles(push);
        using var session = await SshSession.OpenAsync(target, ct);
        var rollout = new SshFileRollout(session, target, push.StepAsync);
        var restored = await rollout.RestoreBackupsAsync(files, ct);
        if (restored == 0)
            throw new TargetException("There are no backups on the host to put back.");
        await rollout.TestAndReloadAsync(ct);
        return $"Put back {restored} file(s) from before this run ({RemoteFileSwap.BackupSuffix}) and reloaded.";
    }

    private static (SshTarget Target, IReadOnlyList<RemoteFile> Files) TrustFiles(TrustPush push)
    {
        var target = SshTarget.From(push.Settings);
        target = target with { TestCommand = push.Option("testCommand") ?? target.TestCommand, ReloadCommand = push.Option("reloadCommand") ?? target.ReloadCommand };
        var files = new List<RemoteFile> { new(push.Option("caPath") ?? throw TargetException.Setting("The trust binding has no CA file path (caPath)."), push.Material.CaPem, false) };
        if (push.Option("crlPath") is { } crlPath)
            files.Add(new RemoteFile(crlPath, push.Material.CrlPem ?? throw new TargetException("The CA has no CRL signed yet.") { Step = "upload" }, false));
        if (files.FirstOrDefault(f => !f.Path.StartsWith('/')) is { } relative)
            throw TargetException.Setting($"The path '{relative.Path}' must be absolute (start with /).");
        if (files.Count == 2 && files[0].Path == files[1].Path)
            throw TargetException.Setting("The CA file and the CRL file must be different paths.");
        return (target, files);
    }
}
