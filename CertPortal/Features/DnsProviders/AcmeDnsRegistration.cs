using System.Text.Json;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.DnsProviders;

/// <summary>
/// "Register" of a saved acme-dns provider: asks its server for a new account and stores the account on the provider,
/// the password sealed. Answers the provider (password shown only as "set") and the CNAME the customer creates.
/// </summary>
public sealed class AcmeDnsRegistration(IDbContextFactory<AppDbContext> dbFactory, AcmeDnsProvider acmeDns, DnsProviderService providers,
    SealedSettings sealing, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<AcmeDnsRegistered>> RegisterAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Set<DnsProvider>().VisibleTo(actor).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (provider is null)
            return Result<AcmeDnsRegistered>.NotFound("No such DNS provider.");
        if (provider.Type != AcmeDnsProvider.TypeName)
            return await RefusedAsync(provider, Result<AcmeDnsRegistered>.Invalid("type", "Only an acme-dns provider registers an account."), ct);
        AcmeDnsAccount account;
        try
        {
            account = await acmeDns.Api(providers.SettingsFor(provider)).RegisterAsync(ct);
        }
        catch (DnsProviderException e)
        {
            return await RefusedAsync(provider, Result<AcmeDnsRegistered>.Upstream(e.Message), ct);
        }
        var settings = new Dictionary<string, JsonElement>(provider.Settings)
        {
            ["username"] = JsonSerializer.SerializeToElement(account.Username),
            ["subdomain"] = JsonSerializer.SerializeToElement(account.Subdomain),
            ["fulldomain"] = JsonSerializer.SerializeToElement(account.Fulldomain),
        };
        var secrets = sealing.Unseal(provider.SealedSecrets);
        secrets["password"] = account.Password;
        sealing.Store(provider, settings, secrets);
        provider.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("dns-provider.register", "DnsProvider", id.ToString(),
            $"Registered acme-dns account {account.Subdomain} for '{provider.Name}'.", customerId: provider.CustomerId, ct: ct);
        return Result<AcmeDnsRegistered>.Ok(new AcmeDnsRegistered((await providers.GetAsync(id, actor, ct)).Value!, account.Fulldomain,
            AcmeDnsProvider.CnameFor("<domain>", account.Fulldomain)));
    }

    private async Task<Result<AcmeDnsRegistered>> RefusedAsync(DnsProvider provider, Result<AcmeDnsRegistered> result, CancellationToken ct)
    {
        await audit.RecordAsync("dns-provider.register", "DnsProvider", provider.Id.ToString(), $"Refused: {result.Message ?? "not an acme-dns provider"}",
            AuditOutcome.Failure, provider.CustomerId, ct);
        return result;
    }
}

/// <summary>The provider after registration, the account's full domain, and the CNAME to create per name.</summary>
public sealed record AcmeDnsRegistered(DnsProviderView Provider, string Fulldomain, string Cname);
