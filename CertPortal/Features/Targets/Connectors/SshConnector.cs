using CertPortal.Common;
using CertPortal.Data;
namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// Any Linux host that serves TLS from PEM files (nginx, Apache, HAProxy): the files go over SFTP, each swapped in
/// with a backup, then <c>testCommand</c> (e.g. <c>nginx -t</c>) and <c>reloadCommand</c> run over SSH. Any failure puts
/// the old files back and reloads again. The host key is pinned: an unpinned or changed key gets no credentials.
/// </summary>
public sealed class SshConnector : ITargetConnector
{
    public string Type => "ssh";

    public string DisplayName => "Linux or Unix host (SSH: files and a reload)";

    public string Description => "Writes certificate and key files over SSH, tests the configuration and reloads the service.";

    public IReadOnlyList<TargetField> Fields { get; } =
    [
        new("host", "Host", "Name or address of the server.", Kind: SettingKind.EndpointHost),
        new("port", "Port", "SSH port, default 22.", Required: false, Kind: SettingKind.EndpointPort),
        new("username", "User name", "A user that may write the certificate files and run the commands below.", Section: FormSection.SignIn),
        new("hostKeySha256", "Host key SHA-256", "As ssh-keygen -l -E sha256 prints it (SHA256:...). Leave empty and run Test to see the server's key.", Required: false, Kind: SettingKind.EndpointTrust),
        new("certPath", "Certificate path", "Absolute path of the certificate (leaf only) file.", Section: FormSection.Destination),
        new("keyPath", "Key path", "Absolute path of the private key file; written with mode 0600.", Section: FormSection.Destination),
        new("chainPath", "Chain path", "Optional: absolute path for the intermediate certificates.", Required: false, Section: FormSection.Destination),
        new("fullchainPath", "Full chain path", "Optional: absolute path for certificate + chain (what nginx's ssl_certificate wants).", Required: false, Section: FormSection.Destination),
        new("testCommand", "Test command", "Optional: checks the configuration before the reload, e.g. nginx -t or apachectl configtest.", Required: false, Section: FormSection.Destination),
        new("reloadCommand", "Reload command", "Makes the server read the new files, e.g. systemctl reload nginx.", Section: FormSection.Destination),
        new("verifyHost", "Verify host", "Optional: host whose TLS endpoint should serve the certificate afterwards.", Required: false, Section: FormSection.Verification),
        new("verifyPort", "Verify port", "Port of that endpoint, default 443.", Required: false, Kind: SettingKind.Port, Section: FormSection.Verification),
        new("verifySni", "Verify SNI", "Server name to send in the handshake, default the verify host.", Required: false, Section: FormSection.Verification),
        new("privateKey", "Private key", "The user's SSH private key (OpenSSH or PEM, unencrypted); or set a password.", Secret: true, Required: false, Lines: 4, Section: FormSection.SignIn),
        new("password", "Password", "The user's password, when no private key is set.", Secret: true, Required: false, Section: FormSection.SignIn),
    ];

    public async Task<TargetTestResult> TestAsync(TargetSettings settings, CancellationToken ct)
    {
        var target = SshTarget.From(settings);
        if (target.PinnedHostKey is null)
        {
            var seen = await SshSession.ReadHostKeyAsync(target, ct);
            return new TargetTestResult(false, $"Host key {SshTarget.FingerprintPrefix}{seen} — check it on the server " +
                "(ssh-keygen -l -E sha256 -f /etc/ssh/ssh_host_ed25519_key.pub) and trust it (or paste it into hostKeySha256); nothing was logged in yet.",
                SshTarget.FingerprintPrefix + seen);
        }
        using var session = await SshSession.OpenAsync(target, ct);
        var uname = await session.RunAsync("uname -a", ct);
        return new TargetTestResult(true, $"Logged in to {target.Address} as '{target.Username}', host key matches the pin. " +
            (uname.Ok ? uname.Output.Trim() : uname.Describe()));
    }

    public async Task DeployAsync(ConnectorRun run, CancellationToken ct)
    {
        var target = SshTarget.From(run.Settings);
        var files = SshTarget.Files(run.Settings, run.Certificate);
        using var session = await TargetException.InStepAsync("connect", () => SshSession.OpenAsync(target, ct));
        await run.StepAsync("connect", $"Logged in to {target.Address} as '{target.Username}'; the host key matches the pin.");
        var swap = new RemoteFileSwap(session.Sftp, files);
        try
        {
            await swap.StageAsync(ct);
        }
        catch (OperationCanceledException)
        {
            await swap.DiscardStagedAsync(CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            await swap.DiscardStagedAsync(CancellationToken.None);
            throw new TargetException($"Uploading the files failed ({e.Message.TrimEnd('.')}); nothing on the host was changed.", e) { Step = "upload" };
        }
        string step = "upload";
        try
        {
            await swap.SwapAsync(ct);
            await run.StepAsync("upload", $"Version {run.Certificate.Version} is in {string.Join(", ", files.Select(f => f.Path))} (key 0600); " +
                $"the old files are kept as {RemoteFileSwap.BackupSuffix}.");
            step = "test";
            await TestAndReloadAsync(session, target, run, ct, s => step = s);
        }
        catch (Exception e)
        {
            try
            {
                await swap.UndoAsync(CancellationToken.None);
            }
            catch (Exception undo)
            {
                throw new TargetException($"The {step} step failed ({e.Message.TrimEnd('.')}), and putting the old files back failed too ({undo.Message.TrimEnd('.')}): " +
                    $"check the host, the old files are in *{RemoteFileSwap.BackupSuffix}.", e);
            }
            var (reloaded, served) = await ReloadAgainAsync(session, target);
            if (e is OperationCanceledException)
                throw;
            var what = e is TargetException ? e.Message : $"The {step} step failed: {e.Message}";
            throw new TargetException($"{what.TrimEnd('.')}. The old files were restored{reloaded}", e, undone: served) { Step = step };
        }
    }

    /// <summary>After the old files are back the server may hold the new ones (a reload that half worked): reload once more.</summary>
    /// <returns>The message's ending, and whether the old files are back in service (reloaded).</returns>
    private static async Task<(string Message, bool Served)> ReloadAgainAsync(SshSession session, SshTarget target)
    {
        if (target.ReloadCommand is not { } reload)
            return (".", false);
        try
        {
            var reloaded = await session.RunAsync(reload, CancellationToken.None);
            return reloaded.Ok ? (" and reloaded.", true) : ($", but reloading them failed too: {reloaded.Describe()}.", false);
        }
        catch (Exception e) when (e is TargetException or Renci.SshNet.Common.SshException or IOException)
        {
            return ($", but reloading them failed too: {e.Message}", false);
        }
    }

    public async Task RollbackAsync(ConnectorRun run, CancellationToken ct)
    {
        var target = SshTarget.From(run.Settings);
        var files = SshTarget.Files(run.Settings, run.Previous ?? run.Certificate);
        using var session = await SshSession.OpenAsync(target, ct);
        var swap = new RemoteFileSwap(session.Sftp, files);
        if (await swap.RestoreBackupsAsync(ct) is var restored and > 0)
            await run.StepAsync("rollback", $"Put back {restored} file(s) from before version {run.Certificate.Version} ({RemoteFileSwap.BackupSuffix}).");
        else if (run.Previous is { } previous)
        {
            await swap.StageAsync(ct);
            await swap.SwapAsync(ct);
            await run.StepAsync("rollback", $"No backups on the host; wrote version {previous.Version} again.");
        }
        else
            throw new TargetException("There are no backups on the host and no previous version to put back.");
        await TestAndReloadAsync(session, target, run, ct, _ => { });
    }

    public VerificationEndpoint? EndpointToVerify(TargetSettings settings, IReadOnlyDictionary<string, string?> options) =>
        VerificationEndpoint.From(settings);

    private static async Task TestAndReloadAsync(SshSession session, SshTarget target, ConnectorRun run, CancellationToken ct, Action<string> at)
    {
        if (target.TestCommand is { } test)
        {
            var tested = await session.RunAsync(test, ct);
            if (!tested.Ok)
                throw new TargetException($"The configuration test failed: {tested.Describe()}");
            await run.StepAsync("test", $"`{test}` passed.");
        }
        at("reload");
        var reload = target.ReloadCommand ?? throw new TargetException("The setting 'reloadCommand' is missing.");
        var reloaded = await session.RunAsync(reload, ct);
        if (!reloaded.Ok)
            throw new TargetException($"The reload failed: {reloaded.Describe()}");
        await run.StepAsync("reload", $"`{reload}` ran.");
    }
}
