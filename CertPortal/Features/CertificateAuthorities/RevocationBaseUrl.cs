namespace CertPortal.Features.CertificateAuthorities;

/// <summary>
/// A CA's own base for the addresses written into what it issues (README, "Certificate authorities"): an absolute
/// http or https URL without query, fragment or user info, since relying parties append <c>/pki/{id}/…</c> to it.
/// </summary>
public static class RevocationBaseUrl
{
    public const int MaxLength = 500;

    /// <summary>Why <paramref name="value"/> cannot be a revocation base URL, or null when it can (or is empty).</summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var trimmed = value.Trim();
        if (trimmed.Length > MaxLength)
            return $"The revocation base URL must be at most {MaxLength} characters.";
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            return "The revocation base URL must be an absolute http:// or https:// address, e.g. http://pki.contoso.example.";
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || trimmed.Contains('?') || trimmed.Contains('#'))
            return "The revocation base URL must not have a query (?…) or fragment (#…); the CA's paths are appended to it.";
        if (uri.UserInfo.Length > 0)
            return "The revocation base URL must not contain a user name or password; devices fetch it anonymously.";
        return null;
    }

    /// <summary>The stored form: trimmed, without a trailing slash; null when empty.</summary>
    public static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().TrimEnd('/');

    /// <summary>True when devices elsewhere cannot reach it: localhost, 127.0.0.0/8 or ::1.</summary>
    public static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase));
}
