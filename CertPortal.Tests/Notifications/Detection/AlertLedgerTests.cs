using CertPortal.Data;
using CertPortal.Features.Notifications;
using CertPortal.Features.Notifications.Detection;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Notifications.Detection;

/// <summary>The ledger on the portal's real database and alert queue: once per key however many ask at once, again only after a recovery.</summary>
public sealed class AlertLedgerTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Of_many_opens_of_one_key_at_the_same_moment_exactly_one_raises_the_alert()
    {
        var customer = await portal.SeedCustomerAsync(alertEmails: AlertSetup.Mailbox("race"));
        var key = $"test:{Guid.NewGuid()}";

        var raised = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => OpenAsync(key, Alert(customer.Id)))));

        Assert.Equal(1, raised.Count(r => r is not null));
        Assert.Equal(1, raised.Single(r => r is not null));
    }

    [Fact]
    public async Task A_condition_is_raised_again_only_after_it_was_resolved_and_its_recovery_is_raised_once()
    {
        var customer = await portal.SeedCustomerAsync(alertEmails: AlertSetup.Mailbox("again"));
        var key = $"test:{Guid.NewGuid()}";

        Assert.Equal(1, await OpenAsync(key, Alert(customer.Id)));
        Assert.Null(await OpenAsync(key, Alert(customer.Id)));
        Assert.Equal(1, await ResolveAsync(key, Alert(customer.Id, AlertKinds.CertificateRecovered)));
        Assert.Equal(0, await ResolveAsync(key, Alert(customer.Id, AlertKinds.CertificateRecovered)));
        Assert.Equal(1, await OpenAsync(key, Alert(customer.Id)));
        Assert.True((await portal.AlertStateAsync(key))!.IsOpen);
    }

    [Fact]
    public async Task A_state_is_stored_as_the_model_reads_it_back()
    {
        var customer = await portal.SeedCustomerAsync();
        var alert = Alert(customer.Id);
        var key = $"test:{Guid.NewGuid()}";
        var before = portal.Clock.GetUtcNow().UtcDateTime;

        await OpenAsync(key, alert);

        await using var db = await portal.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var state = await db.Set<AlertState>().SingleAsync(s => s.ObjectId == alert.ObjectId && s.CustomerId == customer.Id && s.OpenedAt >= before
                                                                && s.ResolvedAt == null && s.LastAlertId == alert.Id);
        Assert.Equal((key, alert.Kind, before), (state.Key, state.Kind, state.OpenedAt));
        Assert.Equal(DateTimeKind.Utc, state.OpenedAt.Kind);
    }

    private Task<int?> OpenAsync(string key, AlertEvent alert) =>
        portal.InScopeAsync(sp => sp.GetRequiredService<AlertLedger>().OpenAsync(key, alert, CancellationToken.None));

    private Task<int> ResolveAsync(string key, AlertEvent recovery) =>
        portal.InScopeAsync(sp => sp.GetRequiredService<AlertLedger>().ResolveAsync([key], recovery, CancellationToken.None));

    private static AlertEvent Alert(Guid customerId, string kind = AlertKinds.CertificateRenewalFailed) =>
        new(Guid.NewGuid(), kind, DateTime.UtcNow, customerId, null, "certificate", Guid.NewGuid(), "Renewal of ledger.example.test failed", "Test.", "http://localhost/");
}
