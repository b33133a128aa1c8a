using CertPortal.Data;
using CertPortal.Features.DnsProviders.Propagation;
using CertPortal.Features.DnsProviders.Providers;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.DnsProviders;

/// <summary>
/// What other slices use to answer a DNS-01 challenge with a stored provider: loads it, unseals its settings,
/// publishes (following CNAME delegation, waiting for propagation) and hands back the record to remove.
/// </summary>
public sealed class DnsChallengePublisher(IDbContextFactory<AppDbContext> dbFactory, DnsProviderService providers, DnsProviderTypes types, Dns01Solver solver)
{
    /// <param name="ownerId">Who asks (the certificate an order is for), so a manual record shows on that object's page.</param>
    public async Task<PublishedTxt> PublishAsync(Guid providerId, string challengeRecord, string value, Action<string>? progress, CancellationToken ct,
        Func<string, Task>? writing = null, Guid? ownerId = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Set<DnsProvider>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == providerId, ct)
            ?? throw new DnsProviderException("The certificate's DNS provider no longer exists.");
        var type = types.Find(provider.Type) ?? throw new DnsProviderException($"DNS provider type '{provider.Type}' is not available in this build.");
        var settings = providers.SettingsFor(provider) with { OwnerId = ownerId };
        return await solver.PublishAsync(type, settings, challengeRecord, value, DnsProviderService.Resolvers(settings),
            DnsProviderService.Timeout(settings), progress, ct, writing);
    }

    /// <summary>Removes a record a run wrote before the portal stopped (found again from the run's log).</summary>
    public async Task RemoveAsync(Guid providerId, string recordName, string value, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Set<DnsProvider>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == providerId, ct);
        if (provider is null || types.Find(provider.Type) is not { } type)
            return;
        await type.DeleteTxtAsync(providers.SettingsFor(provider), recordName, value, ct);
    }

    /// <summary>The customer a provider belongs to, or null when there is no such provider.</summary>
    public async Task<Guid?> OwnerAsync(Guid providerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<DnsProvider>().Where(p => p.Id == providerId).Select(p => (Guid?)p.CustomerId).SingleOrDefaultAsync(ct);
    }
}
