using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CertPortal.Features.Notifications.Detection;

/// <summary>
/// Absolute links into the portal for alerts read outside it (mail, chat): under <c>CertPortal:PublicBaseUrl</c>, or
/// the first address the server listens on when that is not set.
/// </summary>
public sealed class AlertLinks(IConfiguration configuration, IServer server)
{
    public string BaseUrl =>
        (configuration["CertPortal:PublicBaseUrl"] is { Length: > 0 } configured
            ? configured
            : (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost")
                .Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost")).TrimEnd('/');

    /// <summary><paramref name="path"/> is a portal page, relative (<c>certificates/{id}</c>) as worklist items carry it.</summary>
    public string To(string path) => $"{BaseUrl}/{path.TrimStart('/')}";
}
