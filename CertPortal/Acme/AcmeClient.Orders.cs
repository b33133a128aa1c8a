using System.Text.Json;

namespace CertPortal.Acme;

public sealed partial class AcmeClient
{
    /// <summary>
    /// Asks for a certificate for <paramref name="names"/>; <paramref name="replaces"/> is ARI's certID of the certificate
    /// it renews; <paramref name="profile"/> one of the directory's <c>meta.profiles</c> (draft-ietf-acme-profiles), null
    /// for the CA's default.
    /// </summary>
    public async Task<AcmeOrder> NewOrderAsync(IEnumerable<string> names, string? replaces = null, string? profile = null, CancellationToken ct = default)
    {
        var directory = await GetDirectoryAsync(ct);
        var payload = new Dictionary<string, object> { ["identifiers"] = names.Select(AcmeIdentifier.Dns).Select(i => new { type = i.Type, value = i.Value }).ToArray() };
        if (replaces is not null && directory.RenewalInfo is not null)
            payload["replaces"] = replaces;
        if (profile is not null)
            payload["profile"] = profile;
        var response = await PostAsync(directory.NewOrder, payload, ct);
        return ToOrder(response.Location ?? throw new AcmeException("The CA created the order but gave no order URL."), response.Json);
    }

    public async Task<AcmeOrder> GetOrderAsync(Uri url, CancellationToken ct = default) => ToOrder(url, (await PostAsync(url, null, ct)).Json);

    public async Task<AcmeAuthorization> GetAuthorizationAsync(Uri url, CancellationToken ct = default) => (await GetAuthorizationWithRetryAsync(url, ct)).Authorization;

    private async Task<(AcmeAuthorization Authorization, TimeSpan? RetryAfter)> GetAuthorizationWithRetryAsync(Uri url, CancellationToken ct)
    {
        var response = await PostAsync(url, null, ct);
        var json = response.Json;
        var identifier = json.GetProperty("identifier");
        var challenges = json.GetProperty("challenges").EnumerateArray().Select(c => new AcmeChallenge(
            c.GetProperty("type").GetString()!, new Uri(c.GetProperty("url").GetString()!), c.GetProperty("status").GetString()!,
            c.TryGetProperty("token", out var t) ? t.GetString()! : "", c.TryGetProperty("error", out var e) ? ProblemFrom(e) : null)).ToList();
        return (new AcmeAuthorization(url, new AcmeIdentifier(identifier.GetProperty("type").GetString()!, identifier.GetProperty("value").GetString()!),
            json.GetProperty("status").GetString()!, json.TryGetProperty("wildcard", out var w) && w.GetBoolean(), challenges), response.RetryAfter);
    }

    /// <summary>Tells the CA the challenge is ready to be checked (RFC 8555 §7.5.1).</summary>
    public async Task RespondAsync(AcmeChallenge challenge, CancellationToken ct = default) => await PostAsync(challenge.Url, new { }, ct);

    /// <summary>Polls an authorization until it is no longer pending, honouring the CA's Retry-After.</summary>
    public async Task<AcmeAuthorization> WaitForAuthorizationAsync(Uri url, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        for (var attempt = 0; ; attempt++)
        {
            var (authorization, retryAfter) = await GetAuthorizationWithRetryAsync(url, ct);
            if (authorization.Status != "pending" || DateTimeOffset.UtcNow > deadline)
                return authorization;
            await Task.Delay(PollDelay(attempt, retryAfter), ct);
        }
    }

    /// <summary>Sends the CSR (DER) once every authorization is valid (RFC 8555 §7.4).</summary>
    public async Task<AcmeOrder> FinalizeAsync(AcmeOrder order, byte[] csrDer, CancellationToken ct = default)
    {
        var response = await PostAsync(order.Finalize, new { csr = Base64Url.Encode(csrDer) }, ct);
        return ToOrder(order.Location, response.Json);
    }

    /// <summary>Polls an order while it is <c>processing</c> (or <c>pending</c>), honouring Retry-After, until it settles or time runs out.</summary>
    public async Task<AcmeOrder> WaitForOrderAsync(Uri url, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        for (var attempt = 0; ; attempt++)
        {
            var response = await PostAsync(url, null, ct);
            var order = ToOrder(url, response.Json);
            if (order.Status is not ("processing" or "pending") || DateTimeOffset.UtcNow > deadline)
                return order;
            await Task.Delay(PollDelay(attempt, response.RetryAfter), ct);
        }
    }

    // The CA's Retry-After when it gives one (clamped to 1-60 s); else 250 ms growing to 1 s, so a CA that validates
    // at once (most do within a second) is not waited on for a full second each time.
    private static TimeSpan PollDelay(int attempt, TimeSpan? retryAfter) => retryAfter is { } retry
        ? TimeSpan.FromSeconds(Math.Clamp(retry.TotalSeconds, 1, 60))
        : TimeSpan.FromMilliseconds(Math.Min(1000, 250 * (1 << Math.Min(attempt, 2))));

    internal static AcmeOrder ToOrder(Uri location, JsonElement json) => new(location,
        json.GetProperty("status").GetString()!,
        json.TryGetProperty("expires", out var e) && e.ValueKind == JsonValueKind.String ? DateTimeOffset.Parse(e.GetString()!) : null,
        json.GetProperty("identifiers").EnumerateArray().Select(i => new AcmeIdentifier(i.GetProperty("type").GetString()!, i.GetProperty("value").GetString()!)).ToList(),
        json.GetProperty("authorizations").EnumerateArray().Select(a => new Uri(a.GetString()!)).ToList(),
        new Uri(json.GetProperty("finalize").GetString()!),
        json.TryGetProperty("certificate", out var c) && c.ValueKind == JsonValueKind.String ? new Uri(c.GetString()!) : null,
        json.TryGetProperty("error", out var err) ? ProblemFrom(err) : null,
        json.TryGetProperty("profile", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null);
}
