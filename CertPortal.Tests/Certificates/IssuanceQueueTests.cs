using System.Text.Json;
using CertPortal.Features.Certificates;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Certificates;

/// <summary>The queue of orders: a certificate asked for again while its order is still finishing is taken up, not dropped.</summary>
public sealed class IssuanceQueueTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>, IDisposable
{
    private readonly PortalFactory _portal = new();
    private readonly HeldListener _listener = new();

    [Fact]
    public async Task A_renewal_asked_while_the_issuance_listeners_still_run_is_not_lost()
    {
        _portal.TestServices.Add(s => s.AddSingleton<ICertificateIssuedListener>(_listener));
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var id = await setup.RequestAsync("asked-again.example.test", autoRenew: false);
        // The certificate is valid, but its order still runs: the listeners of its new version are at work.
        await setup.WaitForStatusAsync(id, "valid");
        await _listener.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        (await setup.Api.PostAsync($"/api/v1/certificates/{id}/renew", null)).EnsureSuccessStatusCode();
        _listener.Release.SetResult();

        var renewed = await setup.WaitAsync(id, c => c.GetProperty("versions").GetArrayLength() == 2 && c.GetProperty("status").GetString() == "valid");
        Assert.Equal(JsonValueKind.Null, renewed.GetProperty("lastError").ValueKind);
    }

    /// <summary>Holds the first issuance's listeners until the test lets go.</summary>
    private sealed class HeldListener : ICertificateIssuedListener
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task OnIssuedAsync(CertificateIssued issued, CancellationToken ct)
        {
            if (issued.Version != 1)
                return;
            Reached.TrySetResult();
            await Release.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        }
    }

    public void Dispose() => _portal.Dispose();
}
