using CertPortal.Common;
using System.Net.Http.Headers;
using System.Security;
using System.Security.Cryptography;
using CertPortal.Data;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// Palo Alto PAN-OS over the XML API. Sources: docs.paloaltonetworks.com/ngfw/api/getting-started/pan-os-xml-api-error-codes,
/// docs.paloaltonetworks.com/ngfw/api/pan-os-xml-api-request-types-and-actions/commit, acme.sh deploy/panos.sh,
/// github.com/PaloAltoNetworks/pan-os-python, github.com/kevinsteves/pan-python.
/// Naming: one fixed <c>certificateName</c>, overwritten by each import (as acme.sh does), so the SSL/TLS profile and
/// everything else referring to it follow without edits; rollback therefore imports the previous version again
/// under that name and commits.
/// </summary>
public sealed partial class PanOsConnector(TimeProvider clock) : ITargetConnector
{
    /// <summary>Between job polls, and the unit of the backoff while another commit runs.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan CommitTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public int CommitAttempts { get; init; } = 6;

    public string Type => "panos";

    public string DisplayName => "Palo Alto PAN-OS (XML API)";

    public string Description => "Imports into the firewall, points an SSL/TLS service profile at it and commits.";

    public bool ManagementTls => true;

    public IReadOnlyList<TargetField> Fields { get; } =
    [
        new("baseUrl", "Management URL", "https://host[:port] of the firewall's management interface.", Kind: SettingKind.EndpointUrl),
        new("certificateName", "Certificate name", "Name of the certificate on the firewall (≤ 31 characters); each version replaces it.", Section: FormSection.Destination),
        new("sslTlsProfile", "SSL/TLS service profile", "Shared profile to point at the certificate; empty leaves profiles alone.", Required: false, Section: FormSection.Destination),
        new("commit", "Commit", "true (default) commits and waits for the job; false leaves the change in the candidate configuration.", Required: false, Choices: TargetField.YesNo, Section: FormSection.Destination),
        new("verifyPort", "Verify port", "Where the profile's service is served, default the baseUrl's port.", Required: false, Kind: SettingKind.Port, Section: FormSection.Verification),
        new("apiKey", "API key", "XML API key (type=keygen) of an admin allowed to import, configure and commit.", Secret: true, Section: FormSection.SignIn),
    ];

    public async Task<TargetTestResult> TestAsync(TargetSettings settings, CancellationToken ct)
    {
        using var api = new PanOsApi(settings);
        var reply = await api.SendAsync(Op("<show><system><info></info></system></show>"), null, "reading the system info", ct);
        return reply.Ok
            ? new TargetTestResult(true, Describe(reply))
            : new TargetTestResult(false, PanOsApi.Explain(reply, "reading the system info").Message);
    }

    private static string Describe(PanOsReply info) =>
        $"PAN-OS {info.Result("system/hostname")} ({info.Result("system/model")}) runs {info.Result("system/sw-version")}.";

    public Task DeployAsync(ConnectorRun run, CancellationToken ct) => InstallAsync(run, run.Certificate, ct);

    public Task RollbackAsync(ConnectorRun run, CancellationToken ct) =>
        InstallAsync(run, run.Previous ?? throw new TargetException("There is no previous version to import again."), ct);

    public VerificationEndpoint? EndpointToVerify(TargetSettings settings, IReadOnlyDictionary<string, string?> options) =>
        settings.Optional("sslTlsProfile") is not null && Uri.TryCreate(settings.Optional("baseUrl"), UriKind.Absolute, out var baseUrl)
            ? new VerificationEndpoint(baseUrl.Host, settings.Port("verifyPort", baseUrl.Port), baseUrl.Host)
            : null;

    private async Task InstallAsync(ConnectorRun run, DeployableCertificate certificate, CancellationToken ct)
    {
        var name = run.Settings.Required("certificateName");
        if (name.Length > 31 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new TargetException("certificateName must be at most 31 letters, digits, '-', '_' or '.'.");
        // The profile name goes into an XPath: a quote would change what the firewall is asked to set.
        if (run.Settings.Optional("sslTlsProfile") is { } profile && (profile.Length > 31 || !profile.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ' ')))
            throw new TargetException("sslTlsProfile must be at most 31 letters, digits, spaces, '-', '_' or '.'.");
        using var api = new PanOsApi(run.Settings, run.ManagementThumbprints);
        // The system info first: proves the address, the TLS trust and the key before anything changes.
        await TargetException.InStepAsync("connect", async () =>
        {
            var info = await api.SendAsync(Op("<show><system><info></info></system></show>"), null, "reading the system info", ct);
            await run.StepAsync("connect", info.Ok ? Describe(info) : throw PanOsApi.Explain(info, "reading the system info"));
        });
        await TargetException.InStepAsync("import", () => ImportAsync(api, run, certificate, name, ct));
        await TargetException.InStepAsync("bind", () => BindAsync(api, run, name, ct));
        if (run.Settings.Flag("commit", fallback: true))
            await TargetException.InStepAsync("commit", () => new PanOsCommit(api, run.StepAsync, clock, PollInterval, CommitTimeout, CommitAttempts).RunAsync(ct));
    }

    private const string SharedScope = "shared";

    private static async Task BindAsync(PanOsApi api, ConnectorRun run, string name, CancellationToken ct)
    {
        if (run.Settings.Optional("sslTlsProfile") is { } profile)
        {
            // PAN-OS keeps SSL/TLS service profiles in the device's shared scope (docs/vendors.md, PAN-OS).
            var xpath = $"/config/{SharedScope}/ssl-tls-service-profile/entry[@name='{profile}']";
            var set = await api.SendAsync(new Dictionary<string, string>
            {
                ["type"] = "config", ["action"] = "set", ["xpath"] = xpath, ["element"] = $"<certificate>{SecurityElement.Escape(name)}</certificate>",
            }, null, $"pointing the SSL/TLS profile {profile} at {name}", ct);
            if (!set.Ok)
                throw PanOsApi.Explain(set, $"pointing the SSL/TLS profile {profile} at {name}");
            await run.StepAsync("bind", $"The SSL/TLS profile {profile} uses {name}.");
        }
    }

    private static async Task ImportAsync(PanOsApi api, ConnectorRun run, DeployableCertificate certificate, string name, CancellationToken ct)
    {
        var passphrase = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var parameters = new Dictionary<string, string>
        {
            ["type"] = "import", ["category"] = "keypair", ["certificate-name"] = name, ["format"] = "pkcs12", ["passphrase"] = passphrase,
        };
        await ImportFileAsync(api, parameters, certificate.Pfx(passphrase), $"{name}.p12", $"importing version {certificate.Version} as {name}", ct);
        await run.StepAsync("import", $"Imported version {certificate.Version} as {name}.");
    }

    private static async Task ImportFileAsync(PanOsApi api, Dictionary<string, string> parameters, byte[] content, string fileName, string what, CancellationToken ct)
    {
        var boundary = "CertPortal" + Guid.NewGuid().ToString("N");
        using var body = new MultipartFormDataContent(boundary);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Add(file, "file", fileName);
        // PAN-OS fails on a quoted boundary, which MultipartFormDataContent writes: set the header by hand, unquoted.
        body.Headers.Remove("Content-Type");
        body.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        var reply = await api.SendAsync(parameters, body, what, ct);
        if (!reply.Ok)
            throw PanOsApi.Explain(reply, what);
    }

    internal static Dictionary<string, string> Op(string cmd) => new() { ["type"] = "op", ["cmd"] = cmd };
}
