using CertPortal.Common;
using CertPortal.Features.Audit;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Audit;

public sealed class AuditRetentionJobTests
{
    [Fact]
    public async Task Entries_past_the_retention_period_are_deleted_and_the_job_records_that_it_did()
    {
        await using var portal = new PortalFactory();
        portal.Settings["CertPortal:Audit:RetentionDays"] = "30";
        _ = portal.Services;
        var start = portal.Clock.GetUtcNow();
        await portal.InScopeAsync(async sp =>
        {
            var audit = sp.GetRequiredService<AuditLog>();
            await audit.RecordAsync("test.old", "Thing", "1", "An old entry.");
            portal.Clock.Advance(TimeSpan.FromDays(20));
            await audit.RecordAsync("test.recent", "Thing", "2", "A recent entry.");
            return 0;
        });
        portal.Clock.Advance(TimeSpan.FromDays(15));

        var deleted = await portal.InScopeAsync(sp => ActivatorUtilities.CreateInstance<AuditRetentionJob>(sp).PruneAsync(CancellationToken.None));

        Assert.True(deleted >= 1);
        var remaining = await portal.InScopeAsync(sp => sp.GetRequiredService<AuditQuery>()
            .SearchAsync(new AuditFilter(), Paging.From(1, 200), Actor.CommandLine("test")));
        Assert.DoesNotContain(remaining.Items, e => e.Action == "test.old");
        Assert.Contains(remaining.Items, e => e.Action == "test.recent");
        var prune = Assert.Single(remaining.Items, e => e.Action == "audit.prune");
        Assert.Equal("job:AuditRetentionJob", prune.User);
        Assert.Contains("older than 30 days", prune.Summary);
        Assert.True(remaining.Items.All(e => e.At >= start.UtcDateTime.AddDays(5)));
    }
}
