using CertPortal.Features.Audit;
using CertPortal.Features.Certificates;
using CertPortal.Features.Certificates.Issuance;
using CertPortal.Features.Certificates.Planning;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Certificates.Planning;

/// <summary>
/// The renewal job's planning step against seeded certificates (no CA is asked: nothing is due): renewals move earlier
/// where a CA limit would be exceeded, never later, never before half their lifetime is left, and a second run moves nothing.
/// </summary>
public sealed class RenewalSpreadingTests : IDisposable
{
    private static readonly TimeSpan Days90 = TimeSpan.FromDays(90);
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task Four_hundred_orders_of_one_account_in_one_window_are_spread_so_no_window_has_more_than_300_and_none_moves_later()
    {
        var customer = await _portal.SeedCustomerAsync();
        var account = await _portal.SeedAccountAsync(PlannerSeed.UnknownCa, customer.Id);
        var due = _portal.InWindow(days: 10);
        var ids = await _portal.SeedCertificatesAsync(customer.Id, account, 400, i => $"host{i}.example{i % 40}.test", due, Days90);

        Assert.Empty(await RunJobAsync());

        var after = await _portal.CertificatesAsync(ids);
        Assert.All(after, c => Assert.True(c.RenewAfter <= due.AddSeconds(400), $"{c.CommonName} moved later"));
        Assert.True(after.GroupBy(c => c.RenewAfter!.Value.Ticks / TimeSpan.TicksPerHour / 3).Max(g => g.Count()) <= 300);
        var moved = after.Where(c => c.SpreadFrom is not null).ToList();
        Assert.Equal(100, moved.Count);
        Assert.All(moved, c =>
        {
            Assert.Equal(c.SpreadFrom!.Value.AddHours(-3), c.RenewAfter);
            Assert.Contains("300 new orders per account in 3 h", c.SpreadReason);
        });
        Assert.All(after.Where(c => c.SpreadFrom is null), c => Assert.InRange(c.RenewAfter!.Value, due, due.AddSeconds(400)));
        Assert.Equal(100, await AuditCountAsync(RenewalSpreading.AuditAction));
    }

    [Fact]
    public async Task A_second_run_moves_nothing_more()
    {
        var customer = await _portal.SeedCustomerAsync();
        var account = await _portal.SeedAccountAsync(PlannerSeed.UnknownCa, customer.Id);
        var ids = await _portal.SeedCertificatesAsync(customer.Id, account, 330, i => $"h{i}.idem{i % 30}.test", _portal.InWindow(days: 12), Days90);
        await _portal.SeedCertificatesAsync(customer.Id, account, 60, i => $"n{i}.crowded.test", _portal.InWindow(days: 20), Days90);
        await RunJobAsync();
        var first = (await _portal.CertificatesAsync(ids)).ToDictionary(c => c.Id, c => c.RenewAfter);
        var audited = await AuditCountAsync(RenewalSpreading.AuditAction);
        Assert.True(audited > 30);

        _portal.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(await SpreadAsync());
        await RunJobAsync();

        Assert.Equal(first, (await _portal.CertificatesAsync(ids)).ToDictionary(c => c.Id, c => c.RenewAfter));
        Assert.Equal(audited, await AuditCountAsync(RenewalSpreading.AuditAction));
    }

    [Fact]
    public async Task Sixty_certificates_of_one_registered_domain_due_the_same_day_are_spread_over_two_weeks()
    {
        var customer = await _portal.SeedCustomerAsync();
        var account = await _portal.SeedAccountAsync(PlannerSeed.UnknownCa, customer.Id);
        var due = _portal.InWindow(days: 20);
        var ids = await _portal.SeedCertificatesAsync(customer.Id, account, 60, i => $"site{i}.contoso.co.uk", due, Days90);

        await RunJobAsync();

        var after = await _portal.CertificatesAsync(ids);
        var days = after.Select(c => c.RenewAfter!.Value.Date).ToList();
        for (var start = due.Date.AddDays(-20); start <= due.Date; start = start.AddDays(1))
            Assert.True(days.Count(d => d >= start && d < start.AddDays(7)) <= 50, $"more than 50 in the 7 days from {start:yyyy-MM-dd}");
        Assert.Equal(10, after.Count(c => c.SpreadFrom is not null));
        Assert.All(after.Where(c => c.SpreadFrom is not null), c =>
        {
            Assert.Contains("50 certificates per registered domain", c.SpreadReason);
            Assert.Contains("contoso.co.uk", c.SpreadReason);
            Assert.True(c.RenewAfter >= c.NotAfter - (c.NotAfter - c.NotBefore) / 2, "moved before half the lifetime was left");
        });
    }

    [Fact]
    public async Task When_no_earlier_time_has_room_nothing_moves_and_the_calendar_says_the_limit_is_exceeded()
    {
        var customer = await _portal.SeedCustomerAsync();
        var account = await _portal.SeedAccountAsync(PlannerSeed.UnknownCa, customer.Id);
        var due = _portal.InWindow(days: 15);
        // 21-day certificates may renew at most 3.5 days early: every such day shares a 7-day window with the due day.
        var ids = await _portal.SeedCertificatesAsync(customer.Id, account, 60, i => $"pos{i}.fabrikam.com", due, TimeSpan.FromDays(21));

        await RunJobAsync();

        Assert.All(await _portal.CertificatesAsync(ids), c => Assert.Null(c.SpreadFrom));
        var plan = await PlanAsync();
        var day = plan.Days.Single(d => d.Date == DateOnly.FromDateTime(due));
        Assert.True(day.Exceeded);
        var line = Assert.Single(day.Limits, l => l.Limit == LimitKinds.CertificatesPerDomain);
        Assert.Equal(("fabrikam.com", 60, 50, true), (line.Scope, line.Planned, line.Max, line.Exceeded));
        Assert.Contains("no earlier time with room", line.Note);
    }

    [Fact]
    public async Task Ari_timed_renewals_are_never_moved_and_others_make_room_around_them()
    {
        var customer = await _portal.SeedCustomerAsync();
        var account = await _portal.SeedAccountAsync(PlannerSeed.UnknownCa, customer.Id);
        var due = _portal.InWindow(days: 9);
        // The unknown CA's conservative limits count ARI renewals too: 350 fill the window, and they stay in the CA's window.
        var ari = await _portal.SeedCertificatesAsync(customer.Id, account, 350, i => $"ari{i}.northwind{i % 20}.test", due, Days90, ari: true);
        var plain = await _portal.SeedCertificatesAsync(customer.Id, account, 10, i => $"plain{i}.northwind.test", due.AddMinutes(30), Days90);

        await RunJobAsync();

        Assert.All(await _portal.CertificatesAsync(ari), c => Assert.Null(c.SpreadFrom));
        Assert.All(await _portal.CertificatesAsync(plain), c => Assert.Equal(c.SpreadFrom!.Value.AddHours(-3), c.RenewAfter));
    }

    [Fact]
    public async Task At_lets_encrypt_renewals_skip_the_order_and_domain_limits_and_only_the_exact_set_limit_moves_them()
    {
        var customer = await _portal.SeedCustomerAsync();
        var account = await _portal.SeedAccountAsync(PlannerSeed.LetsEncrypt, customer.Id);
        var due = _portal.InWindow(days: 11);
        var many = await _portal.SeedCertificatesAsync(customer.Id, account, 400, i => $"app{i}.litware.com", due, Days90);
        var ari = await _portal.SeedCertificatesAsync(customer.Id, account, 3, _ => "shop.litware.com", due, Days90, ari: true);
        var same = await _portal.SeedCertificatesAsync(customer.Id, account, 7, _ => "shop.litware.com", due.AddMinutes(20), Days90);

        await RunJobAsync();

        Assert.All(await _portal.CertificatesAsync(many.Concat(ari)), c => Assert.Null(c.SpreadFrom));
        var moved = (await _portal.CertificatesAsync(same)).Where(c => c.SpreadFrom is not null).ToList();
        Assert.Equal(2, moved.Count);
        // The latest time with room: the last order window of the day a week before (later days share a week with the 5).
        Assert.All(moved, c => Assert.Equal((due.Date.AddDays(-7), 22), (c.RenewAfter!.Value.Date, c.RenewAfter.Value.Hour)));
        Assert.All(moved, c => Assert.Contains("5 certificates for the same names in 7 days", c.SpreadReason));
        var day = (await PlanAsync()).Days.Single(d => d.Date == DateOnly.FromDateTime(due));
        Assert.All(day.Renewals.Where(r => ari.Contains(r.CertificateId)), r => Assert.True(r.Ari && r.Exempt));
        Assert.DoesNotContain(day.Limits, l => l.Exceeded);
        Assert.Equal(0, day.Limits.Single(l => l.Limit == LimitKinds.OrdersPerAccount).Planned);
    }

    [Fact]
    public async Task Limits_configured_for_a_directory_apply_and_a_limit_of_zero_is_none()
    {
        const string tiny = "https://acme.tiny-ca.test/directory";
        (_portal.Settings["CertPortal:Certificates:CaLimits:0:DirectoryUrl"], _portal.Settings["CertPortal:Certificates:CaLimits:0:Name"]) = (tiny, "Tiny CA");
        (_portal.Settings["CertPortal:Certificates:CaLimits:0:OrdersPerAccount"], _portal.Settings["CertPortal:Certificates:CaLimits:0:OrdersWindowHours"]) = ("2", "6");
        var customer = await _portal.SeedCustomerAsync();
        var account = await _portal.SeedAccountAsync(tiny, customer.Id);
        var due = _portal.InWindow(days: 6, hour: 13);
        // Same names five times: a zero (unset) exact-set or domain limit counts nothing.
        var ids = await _portal.SeedCertificatesAsync(customer.Id, account, 5, _ => "same.tiny.test", due, Days90);

        await RunJobAsync();

        var after = await _portal.CertificatesAsync(ids);
        Assert.Equal([2, 2, 1], after.GroupBy(c => c.RenewAfter!.Value.Ticks / TimeSpan.TicksPerHour / 6).OrderByDescending(g => g.Key).Select(g => g.Count()));
        Assert.All(after.Where(c => c.SpreadFrom is not null), c => Assert.Contains("Tiny CA allows 2 new orders per account in 6 h", c.SpreadReason));
    }

    private async Task<IReadOnlyList<Guid>> RunJobAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<RenewalJob>(scope.ServiceProvider).RunOnceAsync(CancellationToken.None);
    }

    private Task<IReadOnlyList<RenewalMove>> SpreadAsync() =>
        _portal.InScopeAsync(sp => sp.GetRequiredService<RenewalSpreading>().RunAsync(CancellationToken.None));

    private Task<RenewalPlan> PlanAsync() =>
        _portal.InScopeAsync(async sp => (await sp.GetRequiredService<RenewalPlanner>().PlanAsync(new PlannerFilter(), Actor.CommandLine("test"))).Value!);

    private Task<int> AuditCountAsync(string action) =>
        _portal.InScopeAsync(async sp => (await sp.GetRequiredService<AuditQuery>().SearchAsync(new AuditFilter(Action: action), new Common.Paging(1, 1), Actor.CommandLine("test"))).Total);

    public void Dispose() => _portal.Dispose();
}
