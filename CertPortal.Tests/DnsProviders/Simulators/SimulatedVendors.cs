namespace CertPortal.Tests.DnsProviders.Simulators;

/// <summary>Starts the simulator of a provider type, for tests that run once per cloud vendor.</summary>
public static class SimulatedVendors
{
    public static readonly TheoryData<string> Types = new("cloudflare", "route53", "azure");

    public static async Task<ISimulatedVendor> StartAsync(string type, BindFixture bind) => type switch
    {
        "cloudflare" => await CloudflareSimulator.StartAsync(bind),
        "route53" => await Route53Simulator.StartAsync(bind),
        "azure" => await AzureDnsSimulator.StartAsync(bind),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
