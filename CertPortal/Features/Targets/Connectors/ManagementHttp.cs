using System.Security.Cryptography;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// HTTP clients for device management APIs with the target's TLS trust: the system's CAs, or one pinned certificate
/// (firewalls usually ship a self-signed management certificate; pinning its SHA-256 trusts exactly that one).
/// </summary>
public static class ManagementHttp
{
    /// <summary>
    /// <paramref name="alsoTrusted"/>: with pinned trust, further certificate SHA-256s trusted besides the pin. A run
    /// passes the versions it deploys and puts back, because binding the admin GUI certificate changes what the
    /// management API itself presents from the next connection on (commit, logout, rollback).
    /// </summary>
    public static HttpClient Create(TargetSettings settings, TimeSpan? timeout = null, IEnumerable<string>? alsoTrusted = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
        var trust = settings.Optional("tlsTrust") ?? "system";
        if (trust.Equals("pinned", StringComparison.OrdinalIgnoreCase))
        {
            var pinned = Normalized(settings.Optional("pinnedCertSha256") ?? throw TargetException.Setting($"{settings.Label("tlsTrust")} is pinned but {settings.Label("pinnedCertSha256")} is empty: run Test and trust the certificate it shows."));
            var trusted = new HashSet<string>((alsoTrusted ?? []).Select(Normalized)) { pinned };
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && trusted.Contains(Convert.ToHexStringLower(SHA256.HashData(certificate.GetRawCertData())));
        }
        else if (!trust.Equals("system", StringComparison.OrdinalIgnoreCase))
            throw TargetException.Setting($"{settings.Label("tlsTrust")} must be system or pinned, not '{trust}'.");
        return new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(60) };
    }

    /// <summary>A SHA-256 as settings store it: lowercase hex without colons.</summary>
    public static string Normalized(string sha256) => sha256.Replace(":", "").Trim().ToLowerInvariant();

    /// <summary>Turns a transport failure into a technician's message (TLS trust, refused connection, timeout).</summary>
    public static TargetException Explain(Exception e, string what) => e switch
    {
        HttpRequestException { InnerException: System.Security.Authentication.AuthenticationException } =>
            new TargetException($"{what}: the management certificate is not trusted (check tlsTrust / pinnedCertSha256).", e),
        HttpRequestException http => new TargetException($"{what}: {http.Message}", e),
        TaskCanceledException => new TargetException($"{what}: no answer in time.", e),
        _ => new TargetException($"{what}: {e.Message}", e),
    };
}
