using CertPortal.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertPortal.Data;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// POSTs the certificate as JSON to a URL the customer runs (a script, an automation platform). The body is signed
/// with HMAC-SHA256 over "{timestamp}.{body}" (header <c>X-CertPortal-Signature: sha256=hex</c>, timestamp in
/// <c>X-CertPortal-Timestamp</c>) so the receiver can check origin and freshness; the key is sent only when asked.
/// Any 2xx is success.
/// </summary>
public sealed class WebhookConnector(TimeProvider clock) : ITargetConnector
{
    public const string SignatureHeader = "X-CertPortal-Signature";
    public const string TimestampHeader = "X-CertPortal-Timestamp";

    public string Type => "webhook";

    public string DisplayName => "Webhook (signed HTTPS POST)";

    public string Description => "POSTs the certificate as JSON, signed with a shared secret, to a URL of your own.";

    public bool ManagementTls => true;

    public IReadOnlyList<TargetField> Fields { get; } =
    [
        new("url", "URL", "Where the JSON is POSTed (https://; http:// only to this machine).", Kind: SettingKind.EndpointUrl),
        new("includeKey", "Send the private key", "true to include keyPem in the body; false sends certificate and chain only.", Required: false, Choices: TargetField.YesNo, Section: FormSection.Destination),
        new("verifyHost", "Verify host", "Optional: host whose TLS endpoint should serve the certificate afterwards.", Required: false, Section: FormSection.Verification),
        new("verifyPort", "Verify port", "Port of that endpoint, default 443.", Required: false, Kind: SettingKind.Port, Section: FormSection.Verification),
        new("verifySni", "Verify SNI", "Server name to send in the handshake, default the verify host.", Required: false, Section: FormSection.Verification),
        new("hmacSecret", "HMAC secret", "Shared secret for the X-CertPortal-Signature header.", Secret: true, Section: FormSection.SignIn),
    ];

    public async Task<TargetTestResult> TestAsync(TargetSettings settings, CancellationToken ct)
    {
        var status = await PostAsync(settings, new { @event = "test", at = clock.GetUtcNow() }, ct);
        return new TargetTestResult(true, $"The webhook answered {status}.");
    }

    public async Task DeployAsync(ConnectorRun run, CancellationToken ct)
    {
        var status = await PostAsync(run.Settings, Body("certificate.deployed", run.Certificate, run.Settings.Flag("includeKey")), ct);
        await run.StepAsync("upload", $"POSTed version {run.Certificate.Version}; the webhook answered {status}.");
    }

    public async Task RollbackAsync(ConnectorRun run, CancellationToken ct)
    {
        if (run.Previous is not { } previous)
            throw new TargetException("There is no previous version to send back.");
        var status = await PostAsync(run.Settings, Body("certificate.rollback", previous, run.Settings.Flag("includeKey")), ct);
        await run.StepAsync("rollback", $"POSTed version {previous.Version} again; the webhook answered {status}.");
    }

    public VerificationEndpoint? EndpointToVerify(TargetSettings settings, IReadOnlyDictionary<string, string?> options) =>
        VerificationEndpoint.From(settings);

    private static object Body(string @event, DeployableCertificate certificate, bool includeKey) => new
    {
        @event, certificateId = certificate.CertificateId, version = certificate.Version, commonName = certificate.CommonName, names = certificate.Names,
        thumbprintSha256 = certificate.ThumbprintSha256, notAfter = certificate.NotAfter, certificatePem = certificate.LeafPem, chainPem = certificate.ChainPem,
        fullchainPem = certificate.FullChainPem, keyPem = includeKey ? certificate.KeyPem : null,
    };

    private async Task<int> PostAsync(TargetSettings settings, object body, CancellationToken ct)
    {
        // Checked again here for a URL saved before plain http was refused: the key may travel in the body.
        var text = settings.Required("url");
        if (SettingRules.UrlProblem(text) is { } problem)
            throw new TargetException($"The webhook URL {problem}");
        var url = new Uri(text);
        var json = JsonSerializer.Serialize(body, JsonOptions);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString();
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.Required("hmacSecret")), Encoding.UTF8.GetBytes($"{timestamp}.{json}")));
        using var http = ManagementHttp.Create(settings, TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(SignatureHeader, $"sha256={signature}");
        request.Headers.Add(TimestampHeader, timestamp);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw ManagementHttp.Explain(e, $"The webhook {url.GetLeftPart(UriPartial.Path)} could not be reached");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new TargetException($"The webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            return (int)response.StatusCode;
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
}
