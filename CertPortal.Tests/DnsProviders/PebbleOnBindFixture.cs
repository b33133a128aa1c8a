using CertPortal.Tests.Acme;

namespace CertPortal.Tests.DnsProviders;

/// <summary>BIND, and a Pebble whose validation asks that BIND: records written by a provider are what the CA sees.</summary>
public sealed class PebbleOnBindFixture : IAsyncLifetime
{
    public BindFixture Bind { get; } = new();

    public PebbleFixture Pebble { get; } = new();

    public async Task InitializeAsync()
    {
        await Bind.InitializeAsync();
        Pebble.DnsServer = Bind.NameServer;
        await Pebble.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Pebble.DisposeAsync();
        await Bind.DisposeAsync();
    }
}
