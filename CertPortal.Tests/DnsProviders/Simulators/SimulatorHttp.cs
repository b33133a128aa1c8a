using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.DnsProviders.Simulators;

/// <summary>The IHttpClientFactory the portal's providers get, for tests that build a provider directly.</summary>
public static class SimulatorHttp
{
    public static IHttpClientFactory Factory { get; } =
        new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
}
