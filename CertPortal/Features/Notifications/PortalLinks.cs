using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CertPortal.Features.Notifications;

/// <summary>
/// Absolute links into the portal for mails and chat messages (<see cref="AlertEvent.Url"/>): under
/// <c>CertPortal:PublicBaseUrl</c>, or the first address the server listens on when that is not set.
/// </summary>
public sealed class PortalLinks(IConfiguration configuration, IServer server)
{
    public string BaseUrl
    {
        get
        {
            if (configuration["CertPortal:PublicBaseUrl"] is { Length: > 0 } configured)
                return configured.TrimEnd('/');
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
            // A wildcard listen address is no place a reader's browser can go.
            return address.Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost").TrimEnd('/');
        }
    }

    /// <summary>The absolute URL of a portal path, e.g. <c>To("certificates/{id}")</c>.</summary>
    public string To(string path) => $"{BaseUrl}/{path.TrimStart('/')}";
}
