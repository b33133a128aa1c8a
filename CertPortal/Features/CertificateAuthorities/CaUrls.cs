using CertPortal.Pki;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CertPortal.Features.CertificateAuthorities;

/// <summary>
/// The anonymous URLs of a CA (<c>/pki/{id}/ca.crt</c>, <c>/crl</c>, <c>/ocsp</c>) as written into what it issues: under the
/// CA's own revocation base URL when it has one, else under <c>CertPortal:PublicBaseUrl</c>, else under the first address
/// the server listens on. The /pki endpoints answer on whatever host they are reached; only the written addresses differ.
/// Behind a reverse proxy these must be the public addresses: docs/operations.md, "Behind a reverse proxy".
/// </summary>
public sealed class CaUrls(IConfiguration configuration, IServer server)
{
    public string BaseUrl =>
        (configuration["CertPortal:PublicBaseUrl"] is { Length: > 0 } configured
            ? configured
            : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost").TrimEnd('/');

    /// <summary>The base a CA's addresses are written under: its own, or the portal's.</summary>
    public string BaseFor(string? revocationBaseUrl) => (RevocationBaseUrl.Normalize(revocationBaseUrl) ?? BaseUrl).TrimEnd('/');

    /// <summary>The CA's folder, e.g. <c>http://pki.contoso.example/pki/{id}</c>; <paramref name="caId"/> may be a placeholder for a CA not made yet.</summary>
    public string For(string caId, string? revocationBaseUrl) => $"{BaseFor(revocationBaseUrl)}/pki/{caId}";

    public RevocationUrls RevocationFor(CertificateAuthority ca) => RevocationUrls.Under(For(ca.Id.ToString(), ca.RevocationBaseUrl));
}
