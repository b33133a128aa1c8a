using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// One logged-in SonicOS API session (<c>/api/sonicos</c>). SonicOS allows a single managing session, so
/// <see cref="DisposeAsync"/> always logs out; every answer's status envelope is checked and a refusal names the call.
/// </summary>
internal sealed class SonicOsSession : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _api;
    private bool _loggedIn;

    private SonicOsSession(HttpClient http, Uri api) => (_http, _api) = (http, api);

    /// <summary>True when the device refused the login because another administrator or API client manages it.</summary>
    public sealed class InUse(string message) : Exception(message);

    public static async Task<SonicOsSession> LoginAsync(TargetSettings settings, IEnumerable<string>? alsoTrusted, CancellationToken ct)
    {
        var baseUrl = settings.Required("baseUrl").TrimEnd('/');
        if (!Uri.TryCreate(baseUrl + "/api/sonicos/", UriKind.Absolute, out var api) || api.Scheme != Uri.UriSchemeHttps)
            throw new TargetException("The SonicWall base URL must be an absolute https:// URL, e.g. https://fw.example.com:4433.");
        var session = new SonicOsSession(ManagementHttp.Create(settings, TimeSpan.FromSeconds(60), alsoTrusted), api);
        try
        {
            await session.LogInAsync(settings, ct);
            return session;
        }
        catch
        {
            session._http.Dispose();
            throw;
        }
    }

    private async Task LogInAsync(TargetSettings settings, CancellationToken ct)
    {
        var user = settings.Required("username");
        using var login = new HttpRequestMessage(HttpMethod.Post, new Uri(_api, "auth"))
        {
            Content = new StringContent("""{"override":true}""", Encoding.UTF8, "application/json"),
        };
        login.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{settings.Required("password")}")));
        var (status, body) = await SendAsync(login, "Login", ct);
        var (ok, info) = Envelope(body);
        if (status == HttpStatusCode.Unauthorized || (!ok && info.Contains("E_UNAUTHORIZED", StringComparison.OrdinalIgnoreCase)))
            throw TargetException.Setting($"The SonicWall refused the login of '{user}' (check {settings.Label("username")} and {settings.Label("password")}, that the account is a full administrator, and that the API allows Basic authentication).");
        if (!ok || (int)status >= 300)
        {
            if (LooksInUse(info))
                throw new InUse($"Another administrator or API client is managing the SonicWall: {info}");
            throw new TargetException($"The SonicWall refused the login: {Describe(status, info)}");
        }
        _loggedIn = true;
    }

    /// <summary>Sends a call and checks the status envelope; returns the JSON answer.</summary>
    public async Task<JsonNode?> CallAsync(HttpMethod method, string path, HttpContent? content, string what, CancellationToken ct) =>
        (await CallUnlessAsync(method, path, content, what, _ => false, ct)).Body;

    /// <summary>Like <see cref="CallAsync"/>, but a refusal whose info <paramref name="harmless"/> accepts returns Done = false instead of throwing.</summary>
    public async Task<(bool Done, JsonNode? Body)> CallUnlessAsync(HttpMethod method, string path, HttpContent? content, string what,
        Func<string, bool> harmless, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(_api, path)) { Content = content };
        var (status, body) = await SendAsync(request, what, ct);
        var (ok, info) = Envelope(body);
        if (ok && (int)status < 300)
            return (true, body);
        if (harmless(info))
            return (false, body);
        throw new TargetException($"{what}: the SonicWall answered {Describe(status, info)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_loggedIn)
        {
            _loggedIn = false;
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                using var logout = new HttpRequestMessage(HttpMethod.Delete, new Uri(_api, "auth"));
                using var _ = await _http.SendAsync(logout, timeout.Token);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // The session times out on the device anyway; the step that failed is what the technician needs.
            }
        }
        _http.Dispose();
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpRequestMessage request, string what, CancellationToken ct)
    {
        request.Headers.Accept.ParseAdd("application/json");
        try
        {
            using var response = await _http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (string.IsNullOrWhiteSpace(text))
                return (response.StatusCode, null);
            try
            {
                return (response.StatusCode, JsonNode.Parse(text));
            }
            catch (JsonException)
            {
                throw new TargetException($"{what}: the SonicWall answered {(int)response.StatusCode} with something that is not JSON ({(text.TrimStart().StartsWith('<') ? "an HTML page" : "plain text")}); is the SonicOS API enabled and the base URL the management address?");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw ManagementHttp.Explain(e, $"{what}: the SonicWall at {_api.GetLeftPart(UriPartial.Authority)} could not be reached");
        }
    }

    /// <summary>SonicOS: {"status":{"success":bool,"info":[{"level","code","message"}]}}; a GET of data may carry no status.</summary>
    private static (bool Ok, string Info) Envelope(JsonNode? body)
    {
        if (body?["status"] is not JsonObject status)
            return (true, "");
        var info = status["info"] is JsonArray items
            ? string.Join("; ", items.Select(i => $"{i?["code"]?.GetValue<string>()}: {i?["message"]?.GetValue<string>()}".Trim(' ', ':')))
            : "";
        return (status["success"]?.GetValue<bool>() ?? false, info);
    }

    private static string Describe(HttpStatusCode status, string info) => $"{(int)status} {(info.Length > 0 ? info : status.ToString())}";

    // The exact wording of SonicOS's "session in use" refusal is not in the public documentation, so it is matched loosely.
    private static bool LooksInUse(string info) =>
        new[] { "in use", "another admin", "preempt", "already logged", "currently managing", "E_BUSY" }
            .Any(word => info.Contains(word, StringComparison.OrdinalIgnoreCase));
}
