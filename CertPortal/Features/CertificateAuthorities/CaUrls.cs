using CertPortal.Pki;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CertPortal.Features.CertificateAuthorities;

/// <summary>
/// The anonymous URLs of a CA (<c>/pki/{id}/ca.crt</c>, <c>/crl</c>, <c>/ocsp</c>) under <c>CertPortal:PublicBaseUrl</c>,
/// or the first address the server listens on when that is not set. They are written into what the CA issues.
/// </summary>
public sealed class CaUrls(IConfiguration configuration, IServer server)
{
    public string BaseUrl =>
        (configuration["CertPortal:PublicBaseUrl"] is { Length: > 0 } configured
            ? configured
            : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost").TrimEnd('/');

    public string For(Guid caId) => $"{BaseUrl}/pki/{caId}";

    public RevocationUrls RevocationFor(Guid caId) => RevocationUrls.Under(For(caId));
}
