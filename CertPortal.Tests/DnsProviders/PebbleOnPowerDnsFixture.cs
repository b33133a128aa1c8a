using CertPortal.Tests.Acme;

namespace CertPortal.Tests.DnsProviders;

/// <summary>
/// PowerDNS serving pdns.test, a BIND that forwards pdns.test to it, and a Pebble that validates through that BIND:
/// records written through the PowerDNS API are what the CA sees, as on the Internet where a resolver finds them.
/// </summary>
public sealed class PebbleOnPowerDnsFixture : IAsyncLifetime
{
    private readonly PebbleOnBindFixture _lab = new();

    public PowerDnsFixture PowerDns { get; } = new();

    public BindFixture Bind => _lab.Bind;

    public PebbleFixture Pebble => _lab.Pebble;

    public async Task InitializeAsync()
    {
        await PowerDns.InitializeAsync();
        Bind.ForwardZones[PowerDnsFixture.Zone] = PowerDns.NameServer;
        await _lab.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _lab.DisposeAsync();
        await PowerDns.DisposeAsync();
    }
}
