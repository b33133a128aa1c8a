using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Dashboard;

/// <summary>A portal with <see cref="WatchData"/> seeded once, shared by the read-only tests of one class.</summary>
public sealed class WatchPortal : PortalFactory, IAsyncLifetime
{
    public WatchData Data { get; private set; } = null!;

    public async Task InitializeAsync() => Data = await WatchData.SeedAsync(this);

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
