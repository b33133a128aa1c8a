using CertPortal.Common;
using CertPortal.Data;
namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// IIS on Windows Server over its OpenSSH server: the version goes over SFTP as PKCS#12, Import-PfxCertificate puts it
/// into LocalMachine\My, and the site's https bindings get it (AddSslCertificate, or New-IISSiteBinding when none
/// matches). A failed step puts the bindings back and takes an imported certificate out again. The replaced version is
/// removed only after the new one is bound and when no binding of any site uses it (win-acme's rule).
/// Sources: learn.microsoft.com/en-us/windows-server/administration/openssh/openssh_server_configuration ·
/// MicrosoftDocs New-IISSiteBinding.md · WebAdministrationDsc/issues/627 · win-acme.github.io reference/plugins/installation/iis ·
/// webprofusion/certify/issues/222 · ansible.windows/pull/134.
/// </summary>
public sealed partial class IisConnector : ITargetConnector
{
    public string Type => "iis";

    public string DisplayName => "Microsoft IIS (over OpenSSH)";

    public string Description => "Imports into the Windows certificate store and binds it to a site, through PowerShell over SSH.";

    public IReadOnlyList<TargetField> Fields { get; } =
    [
        new("host", "Host", "Name or address of the Windows server (its OpenSSH server must be running).", Kind: SettingKind.EndpointHost),
        new("port", "Port", "SSH port, default 22.", Required: false, Kind: SettingKind.EndpointPort),
        new("username", "User name", "An administrator of the server: importing into LocalMachine\\My and binding need one.", Section: FormSection.SignIn),
        new("hostKeySha256", "Host key SHA-256", "SHA256:... as ssh-keygen -l -E sha256 prints it. Leave empty and run Test to see the server's key.", Required: false, Kind: SettingKind.EndpointTrust),
        new("siteName", "Site", "The IIS site's name as IIS Manager shows it, e.g. Default Web Site.", Section: FormSection.Destination),
        new("hostName", "Host name", "Optional: the https binding's host header. Empty: every https binding of the site gets the certificate.", Required: false, Section: FormSection.Destination),
        new("ipAddress", "IP address", "The binding's IP address, default * (all unassigned).", Required: false, Section: FormSection.Destination),
        new("httpsPort", "HTTPS port", "The binding's port, default 443.", Required: false, Kind: SettingKind.Port, Section: FormSection.Destination),
        new("sni", "SNI", "true or false: the binding requires Server Name Indication. Default true when a host name is set.", Required: false, Choices: TargetField.YesNo, Section: FormSection.Destination),
        new("legacyPfx", "Legacy PKCS#12", "true for Windows Server 2016 and older, which cannot read AES-encrypted PKCS#12 (3DES/SHA-1 is sent).", Required: false, Choices: TargetField.YesNo, Section: FormSection.Advanced),
        new("verifyHost", "Verify host", "Host whose TLS endpoint should serve the certificate afterwards; default the host name, else the host.", Required: false, Section: FormSection.Verification),
        new("verifyPort", "Verify port", "Port of that endpoint, default the HTTPS port.", Required: false, Kind: SettingKind.Port, Section: FormSection.Verification),
        new("verifySni", "Verify SNI", "Server name to send in the handshake, default the host name, else the verify host.", Required: false, Section: FormSection.Verification),
        new("privateKey", "Private key", "The user's SSH private key (OpenSSH or PEM, unencrypted); or set a password.", Secret: true, Required: false, Lines: 4, Section: FormSection.SignIn),
        new("password", "Password", "The user's password, when no private key is set.", Secret: true, Required: false, Section: FormSection.SignIn),
    ];

    public async Task<TargetTestResult> TestAsync(TargetSettings settings, CancellationToken ct)
    {
        var target = IisTarget.From(settings);
        if (target.Login.PinnedHostKey is null)
        {
            var seen = await SshSession.ReadHostKeyAsync(target.Login, ct);
            return new TargetTestResult(false, $"Host key {SshTarget.FingerprintPrefix}{seen} — check it on the server (ssh-keygen -l -E sha256 -f " +
                @"C:\ProgramData\ssh\ssh_host_ed25519_key.pub) and trust it (or paste it into hostKeySha256); nothing was logged in yet.", SshTarget.FingerprintPrefix + seen);
        }
        using var server = await IisServer.OpenAsync(target, ct);
        var site = await server.RequireSiteAsync("", ct);
        var bindings = await server.BindingsAsync(false, ct);
        var matching = bindings.Where(target.Matches).ToList();
        var plan = matching.Count == 0 ? $"A deployment creates the https binding {target.NewBindingInformation}{(target.Sni ? " (SNI)" : "")}."
            : $"A deployment binds the certificate to {string.Join(", ", matching)}.";
        return new TargetTestResult(true, $"Logged in to {target.Address} as '{target.Login.Username}', host key matches the pin. Site '{site.Name}' (id {site.Id}) is " +
            $"{site.State}; https bindings: {(bindings.Count == 0 ? "none" : string.Join(", ", bindings.Select(Describe)))}. {plan}");
    }

    public async Task DeployAsync(ConnectorRun run, CancellationToken ct)
    {
        var target = IisTarget.From(run.Settings);
        var thumbprint = IisServer.Thumbprint(run.Certificate);
        using var server = await IisServer.OpenAsync(target, ct);
        await server.RequireSiteAsync("Nothing was imported.", ct);
        var before = await server.BindingsAsync(false, ct);
        var matching = before.Where(target.Matches).ToList();
        var wasInStore = await server.HasCertificateAsync(thumbprint, ct);
        var step = "upload";
        try
        {
            await server.ImportAsync(run.Certificate, thumbprint, run.Settings.Flag("legacyPfx"), run, ct, s => step = s);
            step = "bind";
            await run.StepAsync("bind", await BindAsync(server, target, matching, thumbprint, ct));
        }
        catch (Exception e)
        {
            var undone = await IisUndo.PutBackAsync(server, target, before, wasInStore ? null : thumbprint);
            if (e is OperationCanceledException)
                throw;
            var what = step == "upload" ? e.Message : $"The {step} step failed: {e.Message.TrimEnd('.')}. {undone}";
            throw new TargetException(what, e) { Step = step };
        }
        await run.StepAsync("cleanup", await CleanUpAsync(server, matching, thumbprint, run.Previous, ct));
    }

    public async Task RollbackAsync(ConnectorRun run, CancellationToken ct)
    {
        var previous = run.Previous ?? throw new TargetException("There is no previous version to put back.");
        var target = IisTarget.From(run.Settings);
        var (old, failed) = (IisServer.Thumbprint(previous), IisServer.Thumbprint(run.Certificate));
        using var server = await IisServer.OpenAsync(target, ct);
        await server.RequireSiteAsync("Nothing was changed.", ct);
        // The deploy removes the version it replaced when nothing else uses it, so it may have to come back first.
        if (!await server.HasCertificateAsync(old, ct))
            await server.ImportAsync(previous, old, run.Settings.Flag("legacyPfx"), run, ct);
        var serving = (await server.BindingsAsync(false, ct)).Where(b => target.Matches(b) && b.Uses(failed)).ToList();
        foreach (var binding in serving)
            await server.BindAsync(binding, old, ct);
        await run.StepAsync("rollback", serving.Count == 0
            ? $"No binding of site '{target.SiteName}' serves version {run.Certificate.Version}; nothing to rebind."
            : $"Bound version {previous.Version} ({old}) to {string.Join(", ", serving)} again.");
        if (failed != old && !(await server.BindingsAsync(true, ct)).Any(b => b.Uses(failed)))
        {
            await server.RemoveCertificateAsync(failed, ct);
            await run.StepAsync("cleanup", $"Removed version {run.Certificate.Version} ({failed}) from the store: no binding uses it.");
        }
    }

    public VerificationEndpoint? EndpointToVerify(TargetSettings settings, IReadOnlyDictionary<string, string?> options)
    {
        var hostName = settings.Optional("hostName");
        var host = settings.Optional("verifyHost") ?? hostName ?? settings.Required("host");
        return new VerificationEndpoint(host, settings.Port("verifyPort", settings.Port("httpsPort", 443)), settings.Optional("verifySni") ?? hostName ?? host);
    }

    private static async Task<string> BindAsync(IisServer server, IisTarget target, IReadOnlyList<IisBinding> matching, string thumbprint, CancellationToken ct)
    {
        if (matching.Count == 0)
        {
            await server.CreateBindingAsync(thumbprint, ct);
            return $"Site '{target.SiteName}' had no matching https binding: created {target.NewBindingInformation}{(target.Sni ? " (SNI)" : "")} with {thumbprint}.";
        }
        var rebind = matching.Where(b => !b.Uses(thumbprint)).ToList();
        foreach (var binding in rebind)
            await server.BindAsync(binding, thumbprint, ct);
        return rebind.Count == 0 ? $"{string.Join(", ", matching)} already use {thumbprint}." : $"Bound {thumbprint} to {string.Join(", ", rebind)} of site '{target.SiteName}'.";
    }

    /// <summary>
    /// Only the previous version CertPortal deployed is removed, and only when no binding of any site uses it: a
    /// certificate someone else installed may serve RDP, WinRM or SQL Server, which no IIS binding shows.
    /// A failure here does not fail the run: the new version is bound and serving.
    /// </summary>
    private static async Task<string> CleanUpAsync(IisServer server, IReadOnlyList<IisBinding> replacedOn, string thumbprint, DeployableCertificate? previous, CancellationToken ct)
    {
        var previousThumbprint = previous is null ? null : IisServer.Thumbprint(previous);
        var notes = new List<string>();
        foreach (var replaced in replacedOn.Select(b => b.CertificateHash).OfType<string>().Where(h => h != thumbprint).Distinct())
        {
            if (replaced != previousThumbprint)
            {
                notes.Add($"{replaced} stays in the store: CertPortal did not deploy it.");
                continue;
            }
            try
            {
                var users = (await server.BindingsAsync(true, ct)).Where(b => b.Uses(replaced)).ToList();
                if (users.Count > 0)
                    notes.Add($"Version {previous!.Version} ({replaced}) stays in the store: {string.Join(", ", users.Select(u => $"site '{u.Site}' {u}"))} still use it.");
                else
                {
                    await server.RemoveCertificateAsync(replaced, ct);
                    notes.Add($"Removed version {previous!.Version} ({replaced}) from the store: no binding uses it.");
                }
            }
            catch (TargetException e)
            {
                notes.Add($"Could not remove the old certificate ({e.Message.TrimEnd('.')}); the new one is bound.");
            }
        }
        return notes.Count == 0 ? "No certificate was replaced." : string.Join(" ", notes);
    }

    private static string Describe(IisBinding binding) =>
        $"{binding}{(binding.CertificateHash is { } hash ? $" with {hash[..8]}…" : " without certificate")}";
}
