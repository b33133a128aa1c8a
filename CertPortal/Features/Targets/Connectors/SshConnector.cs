using CertPortal.Common;
using CertPortal.Data;
namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// Any Linux host that serves TLS from PEM files (nginx, Apache, HAProxy): the files go over SFTP, each swapped in
/// with a backup, then <c>testCommand</c> (e.g. <c>nginx -t</c>) and <c>reloadCommand</c> run over SSH. Any failure puts
/// the old files back and reloads again. The host key is pinned: an unpinned or changed key gets no credentials.
/// </summary>
public sealed partial class SshConnector : ITargetConnector
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
        await new SshFileRollout(session, target, run.StepAsync).ReplaceAsync(files, $"Version {run.Certificate.Version} is in {string.Join(", ", files.Select(f => f.Path))} (key 0600); " +
            $"the old files are kept as {RemoteFileSwap.BackupSuffix}.", ct);
    }

    public async Task RollbackAsync(ConnectorRun run, CancellationToken ct)
    {
        var target = SshTarget.From(run.Settings);
        var files = SshTarget.Files(run.Settings, run.Previous ?? run.Certificate);
        using var session = await SshSession.OpenAsync(target, ct);
        var rollout = new SshFileRollout(session, target, run.StepAsync);
        if (await rollout.RestoreBackupsAsync(files, ct) is var restored and > 0)
            await run.StepAsync("rollback", $"Put back {restored} file(s) from before version {run.Certificate.Version} ({RemoteFileSwap.BackupSuffix}).");
        else if (run.Previous is { } previous)
        {
            await rollout.WriteAsync(files, ct);
            await run.StepAsync("rollback", $"No backups on the host; wrote version {previous.Version} again.");
        }
        else
            throw new TargetException("There are no backups on the host and no previous version to put back.");
        await rollout.TestAndReloadAsync(ct);
    }

    public VerificationEndpoint? EndpointToVerify(TargetSettings settings, IReadOnlyDictionary<string, string?> options) =>
        VerificationEndpoint.From(settings);
}
