namespace CertPortal.Tests.Benchmarks;

/// <summary>A fixture a benchmark starts and stops itself, one after another, so two servers never share the machine's cores.</summary>
internal sealed class Lifetime<T>(T value) : IAsyncDisposable where T : IAsyncLifetime
{
    public T Value => value;

    public Task StartAsync() => value.InitializeAsync();

    public async ValueTask DisposeAsync() => await value.DisposeAsync();
}
