using System.Runtime.Versioning;

namespace CertPortal.Tests.Endpoints;

/// <summary>
/// The loopback endpoints the discovery tests scan, each with a certificate of its own: a complete chain, a leaf
/// without its intermediate, one the portal will know (imported by the test, and ending in 10 days), and a port
/// nothing listens on.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class EndpointSites : IAsyncLifetime
{
    public TlsSite Complete { get; private set; } = null!;

    public TlsSite Incomplete { get; private set; } = null!;

    public TlsSite Known { get; private set; } = null!;

    public int ClosedPort { get; } = Infrastructure.FreePort.Next();

    public IReadOnlyList<TlsSite> All => [Complete, Incomplete, Known];

    public async Task InitializeAsync()
    {
        Complete = await TlsSite.StartAsync("complete.endpoints.test");
        Incomplete = await TlsSite.StartAsync("incomplete.endpoints.test", leafOnly: true);
        Known = await TlsSite.StartAsync("known.endpoints.test", days: 10);
    }

    public Task DisposeAsync()
    {
        foreach (var site in All)
            site.Dispose();
        return Task.CompletedTask;
    }
}
