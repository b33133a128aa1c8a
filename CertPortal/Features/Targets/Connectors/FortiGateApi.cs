using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// FortiOS REST calls with a Bearer token and its envelope (<c>status</c> success|error, <c>error</c> a negative code,
/// <c>http_status</c>, <c>results</c>). Sources: see <see cref="FortiGateConnector"/>.
/// </summary>
internal sealed class FortiGateApi(TargetSettings settings, IEnumerable<string>? alsoTrusted = null) : IDisposable
{
    private readonly HttpClient http = ManagementCall.ForBaseUrl(settings, "FortiGate", alsoTrusted);

    public string? Vdom { get; } = settings.Optional("vdom");

    public void Dispose() => http.Dispose();

    /// <summary>Sends one call; <paramref name="scoped"/> adds <c>?vdom=</c> when a VDOM is set. Never throws for an error envelope.</summary>
    public async Task<FortiGateReply> SendAsync(HttpMethod method, string path, object? body, bool scoped, string what, CancellationToken ct)
    {
        var uri = scoped && Vdom is { } vdom ? $"{path}?vdom={Uri.EscapeDataString(vdom)}" : path;
        using var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", settings.Required("apiToken"));
        var (status, text) = await ManagementCall.SendAsync(http, request, "FortiGate", what, ct);
        JsonElement? root = null;
        try
        {
            if (text.TrimStart().StartsWith('{'))
                root = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
        }
        if (root is null && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
            throw new TargetException($"FortiGate answered {what} with {(int)status} and no FortiOS JSON (is baseUrl the management address?).");
        var error = root is { } r && r.TryGetProperty("error", out var e2) && e2.TryGetInt32(out var code) ? code : (int?)null;
        var failed = (int)status is < 200 or > 299 || root is { } r2 && r2.TryGetProperty("status", out var s) && s.GetString() == "error";
        return new FortiGateReply((int)status, failed, error, root);
    }

    /// <summary>The technician's message for a failed call: HTTP auth first, then the envelope's error code.</summary>
    public static TargetException Explain(FortiGateReply reply, string what) => new(Message(reply, what))
    {
        // A refused token or missing permission stays so until a person changes it.
        Configuration = reply.HttpStatus is 401 or 403 || reply.Error is -14 or -37,
    };

    private static string Message(FortiGateReply reply, string what) => (reply.HttpStatus, reply.Error) switch
    {
        (401, _) => $"FortiGate refused the API token (401) while {what}: check apiToken and the API user's trusted hosts.",
        (403, _) or (_, -14 or -37) => $"The API user may not do this ({what}): its profile needs System-Config and VPN read-write.",
        (_, -3) => $"FortiGate did not find the object ({what}, error -3): check vdom and the names.",
        (_, -5) => $"FortiGate says it already exists ({what}, error -5).",
        (_, -23) => $"FortiGate says it is still in use ({what}, error -23).",
        (_, -651) => $"FortiGate refused a value ({what}, error -651 invalid value).",
        (var status, var code) => $"FortiGate failed {what}: HTTP {status}{(code is { } c ? $", error {c}" : "")}.",
    };
}
