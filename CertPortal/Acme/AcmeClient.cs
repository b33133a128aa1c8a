using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace CertPortal.Acme;

/// <summary>
/// An RFC 8555 client for one account key against one directory. Protocol only: it knows nothing of the portal.
/// This part is the transport: directory, nonces (retrying on <c>badNonce</c>), signed POSTs and problems.
/// </summary>
public sealed partial class AcmeClient(HttpClient http, Uri directoryUrl, AcmeAccountKey key, Uri? accountUrl = null)
{
    private static readonly MediaTypeHeaderValue JoseJson = new("application/jose+json");
    private readonly ConcurrentQueue<string> _nonces = new();
    private AcmeDirectory? _directory;

    /// <summary>The account URL (the JWS <c>kid</c>), known after <see cref="NewAccountAsync"/> or given.</summary>
    public Uri? AccountUrl { get; private set; } = accountUrl;

    public AcmeAccountKey Key { get; private set; } = key;

    /// <summary>An HttpClient for a directory, trusting <paramref name="trustedRootsPem"/> beside the system roots (Pebble, step-ca).</summary>
    public static HttpClient CreateHttpClient(string? trustedRootsPem, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (!string.IsNullOrWhiteSpace(trustedRootsPem))
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(trustedRootsPem);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == System.Net.Security.SslPolicyErrors.None)
                    return true;
                if (certificate is null || errors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch))
                    return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }
        var client = new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("CertPortal-ACME/1.0");
        return client;
    }

    public async Task<AcmeDirectory> GetDirectoryAsync(CancellationToken ct = default)
    {
        if (_directory is not null)
            return _directory;
        JsonElement json;
        try
        {
            using var response = await http.GetAsync(directoryUrl, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                // A 5xx is the CA in trouble (unreachable for alerting); anything else is a wrong URL, the person's to fix.
                throw new AcmeException($"The directory {directoryUrl} answered {(int)response.StatusCode}; is this an ACME directory URL?",
                    (int)response.StatusCode >= 500 ? new HttpRequestException(response.ReasonPhrase, null, response.StatusCode) : null);
            json = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            throw new AcmeException($"{directoryUrl} did not answer with a JSON ACME directory.");
        }
        catch (HttpRequestException e)
        {
            throw new AcmeException($"Could not reach the ACME directory {directoryUrl}: {e.Message}", e);
        }
        Uri? Url(string name) => json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? new Uri(v.GetString()!) : null;
        var newNonce = Url("newNonce");
        var newAccount = Url("newAccount");
        var newOrder = Url("newOrder");
        if (newNonce is null || newAccount is null || newOrder is null)
            throw new AcmeException($"{directoryUrl} is not an ACME directory: it lacks newNonce, newAccount or newOrder.");
        var meta = json.TryGetProperty("meta", out var m) ? m.Deserialize<AcmeDirectoryMeta>() : null;
        return _directory = new AcmeDirectory(newNonce, newAccount, newOrder, Url("revokeCert") ?? newOrder, Url("keyChange"), Url("renewalInfo"), meta);
    }

    // RFC 8555 §6.5: a badNonce answer carries a fresh nonce to retry with. A few retries, not one: CAs (and Pebble's
    // PEBBLE_WFE_NONCEREJECT) may refuse a good nonce at random, and two in a row is not rare over a whole order.
    private const int MaxNonceAttempts = 5;

    /// <summary>A signed POST (or POST-as-GET when <paramref name="payload"/> is null), retried on <c>badNonce</c>.</summary>
    internal async Task<AcmeResponse> PostAsync(Uri url, object? payload, CancellationToken ct, bool useJwk = false, AcmeAccountKey? signer = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var kid = useJwk ? null : (AccountUrl ?? throw new InvalidOperationException("No account yet: call NewAccountAsync first.")).AbsoluteUri;
            var jws = JsonWebSignature.Sign(signer ?? Key, url, await NextNonceAsync(ct), kid, payload);
            using var content = new StringContent(jws, Encoding.UTF8);
            content.Headers.ContentType = JoseJson;
            using var response = await http.PostAsync(url, content, ct);
            Remember(response);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
                return new AcmeResponse(response.StatusCode, body, response.Headers.Location, RetryAfter(response), Links(response, "alternate"));
            var problem = ParseProblem(body, response.StatusCode);
            if (problem.Kind == "badNonce" && attempt < MaxNonceAttempts)
                continue;
            throw new AcmeException(problem, RetryAfter(response));
        }
    }

    private async Task<string> NextNonceAsync(CancellationToken ct)
    {
        if (_nonces.TryDequeue(out var nonce))
            return nonce;
        var directory = await GetDirectoryAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Head, directory.NewNonce);
        using var response = await http.SendAsync(request, ct);
        return response.Headers.TryGetValues("Replay-Nonce", out var values)
            ? values.First()
            : throw new AcmeException($"The CA's newNonce ({directory.NewNonce}) gave no Replay-Nonce.");
    }

    private void Remember(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Replay-Nonce", out var values))
            foreach (var nonce in values)
                _nonces.Enqueue(nonce);
    }

    private static AcmeProblem ParseProblem(string body, HttpStatusCode status)
    {
        try
        {
            var json = JsonDocument.Parse(body).RootElement;
            return ProblemFrom(json) ?? new AcmeProblem("about:blank", body, (int)status);
        }
        catch (JsonException)
        {
            return new AcmeProblem("about:blank", $"The CA answered {(int)status} without a problem document.", (int)status);
        }
    }

    internal static AcmeProblem? ProblemFrom(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("type", out var type))
            return null;
        var subproblems = json.TryGetProperty("subproblems", out var subs) && subs.ValueKind == JsonValueKind.Array
            ? subs.EnumerateArray().Select(ProblemFrom).OfType<AcmeProblem>().ToList()
            : null;
        return new AcmeProblem(type.GetString() ?? "about:blank",
            json.TryGetProperty("detail", out var d) ? d.GetString() : null,
            json.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : null,
            subproblems);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow > TimeSpan.Zero ? date - DateTimeOffset.UtcNow : TimeSpan.Zero,
        _ => null,
    };

    private static IReadOnlyList<Uri> Links(HttpResponseMessage response, string rel) =>
        response.Headers.TryGetValues("Link", out var links)
            ? links.SelectMany(l => l.Split(','))
                .Where(l => l.Contains($"rel=\"{rel}\"", StringComparison.OrdinalIgnoreCase))
                .Select(l => l.Trim()[(l.Trim().IndexOf('<') + 1)..l.Trim().IndexOf('>')])
                .Select(u => new Uri(response.RequestMessage!.RequestUri!, u))
                .ToList()
            : [];
}

/// <summary>A successful answer from the CA.</summary>
internal sealed record AcmeResponse(HttpStatusCode Status, string Body, Uri? Location, TimeSpan? RetryAfter, IReadOnlyList<Uri> Alternates)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
