using System.Security.Cryptography.X509Certificates;
using CertPortal.Acme;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Customers;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates.Accounts;

/// <summary>ACME accounts' use cases: registering with the CA (with EAB where needed), listing, deleting.</summary>
public sealed class AcmeAccountService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICustomerDirectory customers,
    AcmeAccountClients clients,
    SecretProtector protector,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<PagedList<AcmeAccountView>> ListAsync(Guid? customerId, Paging paging, Actor actor, CancellationToken ct = default, ListSort? sort = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<AcmeRegistration>().AsNoTracking();
        query = query.VisibleTo(actor, withShared: true);
        if (customerId is { } only)
            query = query.Where(a => a.CustomerId == null || a.CustomerId == only);
        var total = await query.CountAsync(ct);
        var items = await AcmeAccountSort.Apply(query, sort ?? AcmeAccountSort.Default, customers.Names(db)).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<AcmeAccountView>(items.Select(ToView).ToList(), total);
    }

    public async Task<Result<AcmeAccountView>> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Set<AcmeRegistration>().VisibleTo(actor, withShared: true).AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        return account is null ? NotFound() : Result<AcmeAccountView>.Ok(ToView(account));
    }

    /// <summary>
    /// The profiles the account's CA lists in its directory (draft-ietf-acme-profiles: name → description), in name
    /// order; none when the CA offers none. Read fresh each time: CAs add and retire profiles.
    /// </summary>
    public async Task<Result<IReadOnlyList<AcmeProfileView>>> ProfilesAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Set<AcmeRegistration>().VisibleTo(actor, withShared: true).AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (account is null)
            return Result<IReadOnlyList<AcmeProfileView>>.NotFound("No such ACME account.");
        try
        {
            var directory = await clients.OpenAnonymous(account).GetDirectoryAsync(ct);
            return Result<IReadOnlyList<AcmeProfileView>>.Ok((directory.Meta?.Profiles ?? new Dictionary<string, string>())
                .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new AcmeProfileView(p.Key, p.Value)).ToList());
        }
        catch (Exception e) when (e is HttpRequestException or AcmeException or System.Text.Json.JsonException or TaskCanceledException)
        {
            return Result<IReadOnlyList<AcmeProfileView>>.Upstream($"The CA's directory could not be read: {e.Message}");
        }
    }

    /// <summary>Registers a fresh account key with the CA and stores the account only when the CA accepted it.</summary>
    public async Task<Result<AcmeAccountView>> RegisterAsync(AcmeAccountInput input, Actor actor, CancellationToken ct = default)
    {
        var check = new Validation().Require("name", input.Name, "Name", 200);
        var directoryUrl = AcmeDirectoryPresets.Find(input.Preset)?.DirectoryUrl ?? input.DirectoryUrl?.Trim();
        if (input.Preset is { Length: > 0 } preset && AcmeDirectoryPresets.Find(preset) is null)
            check.Add("preset", $"Preset must be one of: {string.Join(", ", AcmeDirectoryPresets.All.Select(p => p.Id))}.");
        else if (!Uri.TryCreate(directoryUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            check.Add("directoryUrl", "Directory URL must be an absolute https:// URL (or choose a preset).");
        var email = input.Email?.Trim() ?? "";
        if (!Validation.IsEmailAddress(email))
            check.Add("email", "A valid contact email is required; the CA sends expiry and policy notices there.");
        if (input.CustomerId is { } customerId && await customers.FindAsync(customerId, actor, ct) is null)
            check.Add("customerId", "There is no such customer.");
        if (input.CustomerId is null && actor.IsScoped)
            check.Add("customerId", "Someone limited to some customers registers accounts for one of them, not shared ones.");
        var keyAlgorithm = (input.KeyAlgorithm ?? "ES256").ToUpperInvariant();
        if (keyAlgorithm is not ("ES256" or "RS256"))
            check.Add("keyAlgorithm", "Account key algorithm must be ES256 or RS256.");
        var eab = Eab(input, check);
        if (!string.IsNullOrWhiteSpace(input.TrustedRootsPem) && !ReadsAsCertificates(input.TrustedRootsPem))
            check.Add("trustedRootsPem", "Trusted roots must be PEM certificates (-----BEGIN CERTIFICATE-----).");
        if (!check.IsValid)
            return await RefusedAsync(check.ToResult<AcmeAccountView>(), input.CustomerId, ct);

        using var key = keyAlgorithm == "RS256" ? AcmeAccountKey.CreateRs256() : AcmeAccountKey.CreateEs256();
        var client = new AcmeClient(clients.HttpFor(input.TrustedRootsPem), new Uri(directoryUrl!), key);
        AcmeAccount registered;
        try
        {
            registered = await client.NewAccountAsync([email], eab, ct);
        }
        catch (AcmeException e)
        {
            var refused = e.Problem is not null
                ? Result<AcmeAccountView>.Invalid(e.Problem.Kind == "externalAccountRequired" ? "eabKeyId" : "directoryUrl", $"The CA refused the registration: {e.Message}")
                : e.InnerException is HttpRequestException or TaskCanceledException
                    ? Result<AcmeAccountView>.Upstream(e.Message)
                    : Result<AcmeAccountView>.Invalid("directoryUrl", e.Message);
            return await RefusedAsync(refused, input.CustomerId, ct);
        }

        var account = new AcmeRegistration
        {
            Id = Guid.NewGuid(), CustomerId = input.CustomerId, Name = input.Name!.Trim(), DirectoryUrl = directoryUrl!, Email = email,
            EabKeyId = eab?.KeyId, SealedEabHmacKey = eab is null ? null : protector.Protect(input.HmacKey!.Trim()),
            TrustedRootsPem = string.IsNullOrWhiteSpace(input.TrustedRootsPem) ? null : input.TrustedRootsPem.Trim(),
            PreferredChain = string.IsNullOrWhiteSpace(input.PreferredChain) ? null : input.PreferredChain.Trim(),
            SealedAccountKey = clients.SealKey(key), KeyAlgorithm = key.Algorithm, AccountUrl = registered.Location.AbsoluteUri,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Add(account);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("acme-account.register", "AcmeAccount", account.Id.ToString(),
            $"Registered ACME account '{account.Name}' at {account.DirectoryUrl}{(eab is null ? "" : " with EAB")}.", customerId: account.CustomerId, ct: ct);
        return Result<AcmeAccountView>.Ok(ToView(account));
    }

    public async Task<Result<AcmeAccountView>> DeleteAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Set<AcmeRegistration>().VisibleTo(actor, withShared: true).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (account is null)
            return NotFound();
        if (!actor.MayChange(account))
            return await RefusedDeleteAsync(account, Result<AcmeAccountView>.Forbidden("A shared ACME account can be used but not deleted by someone limited to some customers."), ct);
        var users = db.Set<Certificate>().Where(c => c.AcmeAccountId == id);
        var total = await users.CountAsync(ct);
        if (total > 0)
        {
            var names = await users.OrderBy(c => c.CommonName).Select(c => c.CommonName).Take(DependentNames.Shown).ToListAsync(ct);
            return await RefusedDeleteAsync(account, Result<AcmeAccountView>.Conflict(
                $"'{account.Name}' is still used by {DependentNames.Describe("certificate", "certificates", names, total)}; move or delete them first."), ct);
        }
        db.Remove(account);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("acme-account.delete", "AcmeAccount", id.ToString(), $"Deleted ACME account '{account.Name}'.", customerId: account.CustomerId, ct: ct);
        return Result<AcmeAccountView>.Ok(ToView(account));
    }

    private static (string KeyId, byte[] HmacKey)? Eab(AcmeAccountInput input, Validation check)
    {
        var keyId = input.EabKeyId?.Trim();
        var hmac = input.HmacKey?.Trim();
        if (string.IsNullOrEmpty(keyId) && string.IsNullOrEmpty(hmac))
            return null;
        if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(hmac))
        {
            check.Add(string.IsNullOrEmpty(keyId) ? "eabKeyId" : "secrets.eabHmacKey", "External Account Binding needs both the key id and the HMAC key.");
            return null;
        }
        try
        {
            return (keyId, Base64Url.Decode(hmac));
        }
        catch (FormatException)
        {
            check.Add("secrets.eabHmacKey", "The EAB HMAC key must be base64url, as the CA gave it.");
            return null;
        }
    }

    private static bool ReadsAsCertificates(string pem)
    {
        try
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(pem);
            return roots.Count > 0;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private async Task<Result<AcmeAccountView>> RefusedDeleteAsync(AcmeRegistration account, Result<AcmeAccountView> refused, CancellationToken ct)
    {
        await audit.RecordAsync("acme-account.delete", "AcmeAccount", account.Id.ToString(), $"Refused: {refused.Message}", AuditOutcome.Failure, account.CustomerId, ct);
        return refused;
    }

    private static AcmeAccountView ToView(AcmeRegistration a) => new(a.Id, a.CustomerId, a.Name, a.DirectoryUrl, a.Email, a.EabKeyId,
        a.TrustedRootsPem, a.PreferredChain, a.KeyAlgorithm, a.AccountUrl,
        a.SealedEabHmacKey is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["eabHmacKey"] = "set" }, a.CreatedAt);

    private static Result<AcmeAccountView> NotFound() => Result<AcmeAccountView>.NotFound("No such ACME account.");

    private async Task<Result<AcmeAccountView>> RefusedAsync(Result<AcmeAccountView> result, Guid? customerId, CancellationToken ct)
    {
        await audit.RecordAsync("acme-account.register", "AcmeAccount", null, $"Refused: {result.Message}", AuditOutcome.Failure, customerId, ct);
        return result;
    }
}
