using CertPortal.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CertPortal.Data;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// FortiGate (FortiOS REST, Bearer token). Sources: docs.fortinet.com/document/fortigate/7.4.1/administration-guide/379103,
/// community.fortinet.com/t5/FortiGate/…/ta-p/357228, docs.fortinet.com/document/container-fortios/7.2.2/cli-reference/556354036,
/// github.com/acmesh-official/acme.sh/pull/6236, ansible-galaxy-fortios-collection/issues/78, terraform-provider-fortios/issues/361.
/// Import does not overwrite, so every version gets its own name (<see cref="DeployableCertificate.DeviceName"/>, ≤ 35
/// characters); the previous version stays on the device for rollback and only older ones of ours are deleted.
/// </summary>
public sealed partial class FortiGateConnector : ITargetConnector
{
    private const int NameLimit = 35;

    public string Type => "fortigate";

    public string DisplayName => "Fortinet FortiGate (REST API)";

    public string Description => "Imports into FortiOS and binds it to the admin GUI and SSL-VPN.";

    public bool ManagementTls => true;

    public IReadOnlyList<TargetField> Fields { get; } =
    [
        new("baseUrl", "Management URL", "https://host[:port] of the FortiGate's admin interface.", Kind: SettingKind.EndpointUrl),
        new("vdom", "VDOM", "Import into this VDOM; empty imports globally.", Required: false, Section: FormSection.Destination),
        new("bindAdminGui", "Bind to admin GUI", "true to serve the certificate on the admin GUI; the REST API then presents it too, and a pinned target's pin follows it after a verified run.", Required: false, Choices: TargetField.YesNo, Section: FormSection.Destination),
        new("bindSslVpn", "Bind to SSL-VPN", "true to serve the certificate on SSL-VPN (skipped where the model has none).", Required: false, Choices: TargetField.YesNo, Section: FormSection.Destination),
        new("keepOld", "Keep old certificates", "true keeps every version; false deletes the portal's versions older than the previous one.", Required: false, Choices: TargetField.YesNo, Section: FormSection.Advanced),
        new("sslVpnPort", "SSL-VPN port", "Where to verify when only SSL-VPN is bound, e.g. 10443.", Required: false, Kind: SettingKind.Port, Section: FormSection.Verification),
        new("verifyPort", "Verify port", "Where to check the served certificate instead (default: the admin GUI's port when it is bound).", Required: false, Kind: SettingKind.Port, Section: FormSection.Verification),
        new("apiToken", "API token", "REST API admin token (profile with System-Config and VPN read-write).", Secret: true, Section: FormSection.SignIn),
    ];

    public async Task<TargetTestResult> TestAsync(TargetSettings settings, CancellationToken ct)
    {
        using var api = new FortiGateApi(settings);
        var (ok, message) = await StatusAsync(api, ct);
        return new TargetTestResult(ok, message);
    }

    public async Task DeployAsync(ConnectorRun run, CancellationToken ct)
    {
        using var api = new FortiGateApi(run.Settings, run.ManagementThumbprints);
        // The system status first: proves the address, the TLS trust and the token before anything changes.
        await TargetException.InStepAsync("connect", async () =>
        {
            var (ok, message) = await StatusAsync(api, ct);
            await run.StepAsync("connect", ok ? message : throw new TargetException(message));
        });
        await InstallAsync(api, run, run.Certificate, ct);
        if (!run.Settings.Flag("keepOld"))
            await TargetException.InStepAsync("cleanup", () => DeleteOlderAsync(api, run, ct));
    }

    public async Task RollbackAsync(ConnectorRun run, CancellationToken ct)
    {
        if (run.Previous is not { } previous)
            throw new TargetException("There is no previous version to bind again.");
        using var api = new FortiGateApi(run.Settings, run.ManagementThumbprints);
        // The previous version was kept on the device; importing it again is a no-op then and a repair otherwise.
        await InstallAsync(api, run, previous, ct);
    }

    /// <summary>
    /// verifyPort when set; else the admin GUI is the management address itself, and SSL-VPN its own port. Binding the
    /// admin GUI changes the certificate the REST API presents too (the portal re-pins a pinned target after verifying).
    /// </summary>
    public VerificationEndpoint? EndpointToVerify(TargetSettings settings, IReadOnlyDictionary<string, string?> options)
    {
        if (!Uri.TryCreate(settings.Optional("baseUrl"), UriKind.Absolute, out var baseUrl))
            return null;
        if (settings.Optional("verifyPort") is not null)
            return new VerificationEndpoint(baseUrl.Host, settings.Port("verifyPort", baseUrl.Port), baseUrl.Host);
        if (settings.Flag("bindAdminGui"))
            return new VerificationEndpoint(baseUrl.Host, baseUrl.Port, baseUrl.Host);
        return settings.Flag("bindSslVpn") && settings.Optional("sslVpnPort") is not null
            ? new VerificationEndpoint(baseUrl.Host, settings.Port("sslVpnPort", 443), baseUrl.Host)
            : null;
    }

    /// <summary>The device's name and FortiOS version, or why the status could not be read.</summary>
    private static async Task<(bool Ok, string Message)> StatusAsync(FortiGateApi api, CancellationToken ct)
    {
        var reply = await api.SendAsync(HttpMethod.Get, "api/v2/monitor/system/status", null, scoped: true, "reading the system status", ct);
        if (reply.Failed)
            return (false, FortiGateApi.Explain(reply, "reading the system status").Message);
        var hostname = reply.Results is { ValueKind: System.Text.Json.JsonValueKind.Object } r && r.TryGetProperty("hostname", out var h) ? h.GetString() : null;
        var build = reply.Root is { } root && root.TryGetProperty("build", out var b) ? b.ToString() : "?";
        return (true, $"FortiGate {hostname ?? reply.Text("serial")} runs FortiOS {reply.Text("version")} build {build}.");
    }

    private static async Task InstallAsync(FortiGateApi api, ConnectorRun run, DeployableCertificate certificate, CancellationToken ct)
    {
        var name = certificate.DeviceName(NameLimit);
        await TargetException.InStepAsync("import", async () =>
        {
            await ImportAsync(api, run, certificate, name, ct);
            await ImportCasAsync(api, run, certificate, ct);
        });
        await TargetException.InStepAsync("bind", () => BindAsync(api, run, name, ct));
    }

    private static async Task BindAsync(FortiGateApi api, ConnectorRun run, string name, CancellationToken ct)
    {
        if (run.Settings.Flag("bindAdminGui"))
        {
            await ExpectAsync(api, HttpMethod.Put, "api/v2/cmdb/system/global", new Dictionary<string, string> { ["admin-server-cert"] = name }, false, "binding the admin GUI", ct);
            await run.StepAsync("bind", $"The admin GUI serves {name}.");
        }
        if (run.Settings.Flag("bindSslVpn"))
        {
            var reply = await api.SendAsync(HttpMethod.Put, "api/v2/cmdb/vpn.ssl/settings", new { servercert = name }, true, "binding SSL-VPN", ct);
            // SSL-VPN is gone on some models and releases (7.4.8/7.6.x): a missing table is not this run's failure.
            if (reply.Failed && (reply.HttpStatus == 404 || reply.Error == -3))
                await run.StepAsync("bind", "This FortiGate has no SSL-VPN settings; SSL-VPN binding skipped.");
            else if (reply.Failed)
                throw await UndoAdminGuiAsync(api, run, name, FortiGateApi.Explain(reply, "binding SSL-VPN"), ct);
            else
                await run.StepAsync("bind", $"SSL-VPN serves {name}.");
        }
    }

    /// <summary>
    /// SSL-VPN refused the certificate after the admin GUI took it: the admin GUI gets the previous version back, so the
    /// device is not left half changed, and the run ends rolled-back; without a previous version it says what is bound.
    /// </summary>
    private static async Task<TargetException> UndoAdminGuiAsync(FortiGateApi api, ConnectorRun run, string name, TargetException failure, CancellationToken ct)
    {
        if (!run.Settings.Flag("bindAdminGui") || run.Previous is not { } previous || previous.Version == run.Certificate.Version)
            return new TargetException($"{failure.Message.TrimEnd('.')}. The admin GUI keeps {name}.", failure) { Step = "bind" };
        var previousName = previous.DeviceName(NameLimit);
        var reply = await api.SendAsync(HttpMethod.Put, "api/v2/cmdb/system/global", new Dictionary<string, string> { ["admin-server-cert"] = previousName }, false, "binding the admin GUI again", ct);
        if (reply.Failed)
            return new TargetException($"{failure.Message.TrimEnd('.')}, and binding {previousName} to the admin GUI again failed too ({FortiGateApi.Explain(reply, "binding the admin GUI").Message.TrimEnd('.')}): the admin GUI serves {name}.", failure) { Step = "bind" };
        await run.StepAsync("bind", $"The admin GUI serves {previousName} again.");
        return new TargetException($"{failure.Message.TrimEnd('.')}. The admin GUI was put back on {previousName}.", failure, undone: true) { Step = "bind" };
    }

    private static async Task ImportAsync(FortiGateApi api, ConnectorRun run, DeployableCertificate certificate, string name, CancellationToken ct)
    {
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var body = new Dictionary<string, string>
        {
            ["type"] = "pkcs12", ["certname"] = name, ["password"] = password, ["scope"] = api.Vdom is null ? "global" : "vdom",
            ["file_content"] = Convert.ToBase64String(certificate.Pfx(password)),
        };
        var reply = await api.SendAsync(HttpMethod.Post, "api/v2/monitor/vpn-certificate/local/import", body, true, $"importing {name}", ct);
        if (!reply.Failed)
        {
            await run.StepAsync("import", $"Imported version {certificate.Version} as {name}.");
            return;
        }
        // Re-import of an existing name fails (HTTP 500 / -5); the name carries the version, so it is this one already.
        if ((reply.HttpStatus == 500 || reply.Error == -5) && await ExistsAsync(api, name, ct))
        {
            await run.StepAsync("import", $"{name} is already on the FortiGate; import skipped.");
            return;
        }
        throw FortiGateApi.Explain(reply, $"importing {name}");
    }

    private static async Task ImportCasAsync(FortiGateApi api, ConnectorRun run, DeployableCertificate certificate, CancellationToken ct)
    {
        // FortiOS does not take the chain from the PKCS#12/fullchain: each CA is imported on its own; -328 = already there.
        var cas = Regex.Matches(certificate.ChainPem, "-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----").Select(m => m.Value).ToList();
        foreach (var pem in cas)
            await ImportCaPemAsync(api, pem + "\n", "importing a CA certificate of the chain", ct);
        if (cas.Count > 0)
            await run.StepAsync("import", $"{cas.Count} CA certificate(s) of the chain are on the FortiGate.");
    }

    private static async Task DeleteOlderAsync(FortiGateApi api, ConnectorRun run, CancellationToken ct)
    {
        var list = await ExpectAsync(api, HttpMethod.Get, "api/v2/cmdb/vpn.certificate/local", null, true, "listing local certificates", ct);
        var keepFrom = run.Previous?.Version ?? run.Certificate.Version;
        var names = list.Results is { ValueKind: System.Text.Json.JsonValueKind.Array } results
            ? results.EnumerateArray().Select(e => e.TryGetProperty("name", out var n) ? n.GetString() : null).OfType<string>() : [];
        foreach (var name in names)
        {
            // Ours only: a name is the portal's when this certificate at that version would be given exactly that name.
            var match = Regex.Match(name, @"_v(\d+)$");
            if (!match.Success || !int.TryParse(match.Groups[1].Value, out var version) || version >= keepFrom
                || (run.Certificate with { Version = version }).DeviceName(NameLimit) != name)
                continue;
            var reply = await api.SendAsync(HttpMethod.Delete, $"api/v2/cmdb/vpn.certificate/local/{Uri.EscapeDataString(name)}", null, true, $"deleting {name}", ct);
            if (reply.Failed && reply.Error == -23)
                await run.StepAsync("cleanup", $"{name} is still in use on the FortiGate; kept.");
            else if (reply.Failed)
                throw FortiGateApi.Explain(reply, $"deleting {name}");
            else
                await run.StepAsync("cleanup", $"Deleted the old version {name}.");
        }
    }

    private static async Task<bool> ExistsAsync(FortiGateApi api, string name, CancellationToken ct)
    {
        var reply = await api.SendAsync(HttpMethod.Get, $"api/v2/cmdb/vpn.certificate/local/{Uri.EscapeDataString(name)}", null, true, $"looking up {name}", ct);
        return !reply.Failed && reply.Results is { ValueKind: System.Text.Json.JsonValueKind.Array } results && results.GetArrayLength() > 0;
    }

    private static async Task<FortiGateReply> ExpectAsync(FortiGateApi api, HttpMethod method, string path, object? body, bool scoped, string what, CancellationToken ct)
    {
        var reply = await api.SendAsync(method, path, body, scoped, what, ct);
        return reply.Failed ? throw FortiGateApi.Explain(reply, what) : reply;
    }
}
