using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.CertificateAuthorities.Revocation;
using CertPortal.Features.Customers;
using CertPortal.Pki;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.CertificateAuthorities;

/// <summary>CAs' use cases: create (root or intermediate), list, read; open one for signing; react to revocations.</summary>
public sealed class CaService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICustomerDirectory customers,
    CaKeyring keys,
    CaUrls urls,
    CaRevocationIndex index,
    CaOcspResponders responders,
    CrlPublisher crls,
    CaRevocationProgress revocations,
    AuditLog audit,
    TimeProvider clock) : ICaSigning
{
    public const int MaxValidityDays = 36_500;

    public Task<PagedList<CaView>> ListAsync(Guid? customerId, Paging paging, Actor actor, CancellationToken ct = default) =>
        ListAsync(customerId, null, paging, actor, ct);

    /// <summary>CAs of a customer (with the shared ones), or all; <paramref name="expiringWithinDays"/>: only those not yet ended that end within so many days.</summary>
    public async Task<PagedList<CaView>> ListAsync(Guid? customerId, int? expiringWithinDays, Paging paging, Actor actor, CancellationToken ct = default,
        ListSort? sort = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<CertificateAuthority>().AsNoTracking();
        if (expiringWithinDays is { } days)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var until = now.AddDays(Math.Clamp(days, 0, MaxValidityDays));
            query = query.Where(c => c.NotAfter > now && c.NotAfter <= until);
        }
        query = query.VisibleTo(actor, withShared: true);
        if (customerId is { } only)
            query = query.Where(c => c.CustomerId == null || c.CustomerId == only);
        var total = await query.CountAsync(ct);
        var items = await CaSort.Apply(query, sort ?? CaSort.Default, customers.Names(db)).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<CaView>(items.Select(ToView).ToList(), total);
    }

    public async Task<Result<CaView>> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ca = await db.Set<CertificateAuthority>().VisibleTo(actor, withShared: true).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return ca is null ? NotFound<CaView>() : Result<CaView>.Ok(ToView(ca));
    }

    /// <summary>A root (self-signed) or, with a parent, an intermediate signed by that CA; each gets a delegated OCSP signer and a first CRL.</summary>
    public async Task<Result<CaView>> CreateAsync(CaInput input, Actor actor, CancellationToken ct = default)
    {
        var check = new Validation().Require("name", input.Name, "Name", 200);
        var subject = SubjectName.Parse(input.Subject);
        if (!subject.IsOk)
            check.Add("subject", subject.Error!);
        var keyType = string.IsNullOrWhiteSpace(input.KeyType) ? "ec384" : input.KeyType.Trim().ToLowerInvariant();
        if (!PkiKeys.Types.Contains(keyType))
            check.Add("keyType", $"Key type must be one of: {string.Join(", ", PkiKeys.Types)}.");
        if (input.ValidityDays is not (> 0 and <= MaxValidityDays))
            check.Add("validityDays", $"Validity must be 1 to {MaxValidityDays} days.");
        if (input.PathLength is < 0 or > 10)
            check.Add("pathLength", "Path length must be 0 to 10.");
        if (input.CustomerId is { } customerId && (await customers.FindAsync(customerId, actor, ct) is null))
            check.Add("customerId", "There is no such customer.");
        if (input.CustomerId is null && actor.IsScoped)
            check.Add("customerId", "Someone limited to some customers creates CAs for one of them, not shared ones.");
        if (input.PermittedDnsNames?.Contains(null!) == true)
            check.Add("permittedDnsNames", "Each permitted name must be a DNS name, not null.");
        if (input.ExcludedDnsNames?.Contains(null!) == true)
            check.Add("excludedDnsNames", "Each excluded name must be a DNS name, not null.");
        var constraints = input.PermittedDnsNames is { Count: > 0 } || input.ExcludedDnsNames is { Count: > 0 }
            ? DnsNameConstraints.Create(input.PermittedDnsNames, input.ExcludedDnsNames) : null;
        if (constraints is { IsOk: false })
            check.Add("permittedDnsNames", constraints.Error!);
        if (RevocationBaseUrl.Problem(input.RevocationBaseUrl) is { } badBaseUrl)
            check.Add("revocationBaseUrl", badBaseUrl);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var parent = input.ParentCaId is { } parentId
            ? await db.Set<CertificateAuthority>().VisibleTo(actor, withShared: true).AsNoTracking().SingleOrDefaultAsync(c => c.Id == parentId, ct) : null;
        if (input.ParentCaId is not null && (parent is null || parent.CustomerId is { } owner && owner != input.CustomerId))
            check.Add("parentCaId", "Choose a parent CA of this customer or a shared one.");
        else if (parent is not null && !actor.MayChange(parent))
            check.Add("parentCaId", "A shared CA signs only for those who see every customer; choose a CA of this customer.");
        if (!check.IsValid)
            return await RefusedAsync(check.ToResult<CaView>(), input.CustomerId, ct);

        var id = Guid.NewGuid();
        using var key = PkiKeys.Create(keyType).Require();
        var profile = new CaProfile(subject.Value!, TimeSpan.FromDays(input.ValidityDays!.Value), input.PathLength, constraints?.Value);
        X509Certificate2 certificate;
        if (parent is null)
            certificate = CertificateIssuer.CreateRoot(key, profile, clock);
        else
        {
            using var parentSigner = keys.SigningCertificate(parent);
            var issued = new CertificateIssuer(parentSigner, urls.RevocationFor(parent), clock).IssueIntermediate(PublicKeyOf(key), profile);
            if (!issued.IsOk)
                return await RefusedAsync(Result<CaView>.Invalid("parentCaId", issued.Error!), input.CustomerId, ct);
            certificate = issued.Value!;
        }
        using (certificate)
        {
            var ca = NewAuthority(id, input, keyType, parent?.Id, certificate, keys.Seal(key));
            // A root comes back from CreateSelfSigned with its key; an intermediate is issued without it.
            if (certificate.HasPrivateKey)
                AddOcspSigner(ca, certificate);
            else
                using (var signer = PkiKeys.Attach(certificate, key))
                    AddOcspSigner(ca, signer);
            db.Add(ca);
            await db.SaveChangesAsync(ct);
        }
        await crls.PublishAsync(id, ct);
        if (parent is not null)
            await RevocationChangedAsync(parent.Id, ct);
        await audit.RecordAsync("ca.create", "CertificateAuthority", id.ToString(),
            $"Created {(parent is null ? "root" : $"intermediate (under '{parent.Name}')")} CA '{input.Name!.Trim()}' {subject.Value!.Name}, {keyType}, {input.ValidityDays} days, " +
            $"revocation addresses under {urls.BaseFor(input.RevocationBaseUrl)}.",
            customerId: input.CustomerId, ct: ct);
        return await GetAsync(id, actor, ct);
    }

    public IQueryable<ObjectName> Names(AppDbContext db) =>
        db.Set<CertificateAuthority>().AsNoTracking().Select(c => new ObjectName { Id = c.Id, Name = c.Name });

    /// <summary>Opens a CA for signing (the caller issues and disposes); null result when the actor may not use it.</summary>
    public async Task<Result<IssuingCa>> OpenIssuerAsync(Guid caId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ca = await db.Set<CertificateAuthority>().VisibleTo(actor, withShared: true).AsNoTracking().SingleOrDefaultAsync(c => c.Id == caId, ct);
        if (ca is null)
            return NotFound<IssuingCa>();
        // Someone limited to some customers may not sign with a shared CA: it would vouch for any name of anyone.
        if (!actor.MayChange(ca))
            return Result<IssuingCa>.Forbidden($"The CA '{ca.Name}' is shared; it signs only for those who see every customer. Choose a CA of this customer.");
        if (ca.NotAfter <= clock.GetUtcNow().UtcDateTime)
            return Result<IssuingCa>.Conflict($"The CA '{ca.Name}' expired on {ca.NotAfter:yyyy-MM-dd}.");
        var chain = new List<X509Certificate2> { X509Certificate2.CreateFromPem(ca.CertificatePem) };
        chain.AddRange(Upstream(ca));
        for (var parentId = ca.ParentCaId; parentId is { } next && chain.Count < 10;)
        {
            var parent = await db.Set<CertificateAuthority>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == next, ct);
            if (parent is null)
                break;
            chain.Add(X509Certificate2.CreateFromPem(parent.CertificatePem));
            chain.AddRange(Upstream(parent));
            parentId = parent.ParentCaId;
        }
        return Result<IssuingCa>.Ok(new IssuingCa(ca.Id, ca.Name, ca.CustomerId, new CertificateIssuer(keys.SigningCertificate(ca), urls.RevocationFor(ca), clock), chain));
    }

    /// <summary>After a slice issued or revoked from this CA: OCSP forgets its cache and a new CRL is signed.</summary>
    public async Task RevocationChangedAsync(Guid caId, CancellationToken ct = default)
    {
        index.Invalidate(caId);
        responders.Invalidate(caId);
        // Pre-signed OCSP answers are signed again here and, relayed, on every other instance.
        revocations.Notify(caId);
        await crls.PublishAsync(caId, ct);
    }

    /// <summary>The CA's page: revoked count and the newest certificates it issued, from every issuing slice.</summary>
    public async Task<CaActivity> ActivityAsync(Guid caId, IEnumerable<IIssuedCertificateSource> sources, int take = 20, CancellationToken ct = default)
    {
        var rows = new List<IssuedCertificateRow>();
        foreach (var source in sources)
            rows.AddRange(await source.RecentAsync(caId, take, ct));
        return new CaActivity(await index.CountAsync(caId), (await index.RevokedAsync(caId)).Count, rows.OrderByDescending(r => r.NotAfter).Take(take).ToList());
    }

    /// <summary>
    /// Deletes a CA that never signed anything (e.g. one made by mistake). A CA that issued certificates or intermediates
    /// is kept, revoked ones included: their revocation must stay answerable on its CRL and OCSP. The refusal names them.
    /// </summary>
    public async Task<Result<CaView>> DeleteAsync(Guid id, IEnumerable<IIssuedCertificateSource> sources, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ca = await db.Set<CertificateAuthority>().VisibleTo(actor, withShared: true).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (ca is null)
            return NotFound<CaView>();
        if (!actor.MayChange(ca))
            return await RefusedDeleteAsync(ca, Result<CaView>.Forbidden("A shared CA is deleted by those who see every customer."), ct);
        var (total, names) = (0, new List<string>());
        foreach (var source in sources)
        {
            total += (await source.StatesAsync(id, ct)).Count;
            names.AddRange((await source.RecentAsync(id, DependentNames.Shown, ct)).Select(r => $"{r.CommonName} ({r.Kind})"));
        }
        if (DependentNames.Describe("certificate", "certificates", names.Order(StringComparer.OrdinalIgnoreCase).ToList(), total) is { } issued)
            return await RefusedDeleteAsync(ca, Result<CaView>.Conflict(
                $"'{ca.Name}' has issued {issued}; a CA that signed certificates is kept so that their revocation can still be checked."), ct);
        db.Remove(ca);
        await db.SaveChangesAsync(ct);
        index.Invalidate(id);
        responders.Forget(id);
        if (ca.ParentCaId is { } parentId)
            await RevocationChangedAsync(parentId, ct);
        await audit.RecordAsync("ca.delete", "CertificateAuthority", id.ToString(), $"Deleted CA '{ca.Name}' {ca.Subject} (serial {ca.SerialNumber}).", customerId: ca.CustomerId, ct: ct);
        return Result<CaView>.Ok(ToView(ca));
    }

    /// <summary>
    /// Moves where what this CA issues from now on points for its certificate, CRL and OCSP (null or empty: the portal's
    /// address). What it issued before keeps the addresses written into it; the /pki endpoints answer on any host.
    /// </summary>
    public async Task<Result<CaView>> ChangeRevocationBaseUrlAsync(Guid id, CaChange change, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ca = await db.Set<CertificateAuthority>().VisibleTo(actor, withShared: true).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (ca is null)
            return NotFound<CaView>();
        if (!actor.MayChange(ca))
            return await RefusedAsync(Result<CaView>.Forbidden("A shared CA is changed by those who see every customer."), ca.CustomerId, ct, "ca.update", id);
        if (RevocationBaseUrl.Problem(change.RevocationBaseUrl) is { } problem)
            return await RefusedAsync(Result<CaView>.Invalid("revocationBaseUrl", problem), ca.CustomerId, ct, "ca.update", id);
        var (before, after) = (ca.RevocationBaseUrl, RevocationBaseUrl.Normalize(change.RevocationBaseUrl));
        if (before == after)
            return Result<CaView>.Ok(ToView(ca));
        ca.RevocationBaseUrl = after;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("ca.update", "CertificateAuthority", id.ToString(),
            $"Changed the revocation addresses of CA '{ca.Name}' from under {urls.BaseFor(before)} to under {urls.BaseFor(after)}; " +
            "certificates it issues from now on carry the new ones, those issued before keep theirs.", customerId: ca.CustomerId, ct: ct);
        return Result<CaView>.Ok(ToView(ca));
    }

    /// <summary>Whether <paramref name="revocationBaseUrl"/> (empty: the portal's) would write local addresses, which the dialogs ask about first.</summary>
    public bool WritesLocalAddresses(string? revocationBaseUrl) =>
        RevocationBaseUrl.Problem(revocationBaseUrl) is null && PreviewUrls(revocationBaseUrl, "{id}").AnyLoopback;

    /// <summary>Signs a new CRL now (a person asked), e.g. before handing the CRL file to a device.</summary>
    public async Task<Result<CaView>> PublishCrlAsync(Guid caId, Actor actor, CancellationToken ct = default)
    {
        var found = await GetAsync(caId, actor, ct);
        if (!found.IsOk)
            return found;
        if (found.Value!.CustomerId is null && actor.IsScoped)
            return await RefusedAsync(Result<CaView>.Forbidden("A shared CA's CRL is signed by those who see every customer."), null, ct);
        var crl = await crls.PublishAsync(caId, ct);
        // OCSP says what the new CRL says, on every instance: each reloads the states and signs what changed.
        revocations.Notify(caId);
        await audit.RecordAsync("ca.crl", "CertificateAuthority", caId.ToString(), $"Signed CRL number {crl.Number} by hand.", customerId: found.Value!.CustomerId, ct: ct);
        return await GetAsync(caId, actor, ct);
    }

    /// <summary>Gives every CA whose OCSP signer ends within 30 days a new one (the job calls this); answers the CAs it renewed.</summary>
    public async Task<IReadOnlyList<Guid>> RenewOcspSignersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var soon = clock.GetUtcNow().UtcDateTime.AddDays(30);
        var renewed = new List<Guid>();
        foreach (var ca in await db.Set<CertificateAuthority>().Where(c => c.NotAfter > soon).ToListAsync(ct))
        {
            using (var current = ca.OcspSignerPem is null ? null : X509Certificate2.CreateFromPem(ca.OcspSignerPem))
                if (current is not null && current.NotAfter.ToUniversalTime() > soon)
                    continue;
            using (var signer = keys.SigningCertificate(ca))
                AddOcspSigner(ca, signer);
            renewed.Add(ca.Id);
        }
        await db.SaveChangesAsync(ct);
        foreach (var id in renewed)
        {
            responders.Forget(id);
            // Every instance (this one too) builds its responder with the new signer and signs its answers again.
            revocations.Notify(id);
            await audit.RecordAsync("ca.ocsp-signer", "CertificateAuthority", id.ToString(), "Issued a new delegated OCSP signing certificate.", ct: ct);
        }
        return renewed;
    }

    /// <summary>The CA certificate and the chain above it (PEM), as <c>ca.crt</c> downloads and detail pages show it.</summary>
    public async Task<string?> ChainPemAsync(Guid caId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pem = "";
        for (Guid? id = caId; id is { } next && pem.Length < 100_000;)
        {
            var ca = await db.Set<CertificateAuthority>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == next, ct);
            if (ca is null)
                break;
            pem += ca.CertificatePem + ca.UpstreamChainPem;
            id = ca.ParentCaId;
        }
        return pem.Length == 0 ? null : pem;
    }

    private static IEnumerable<X509Certificate2> Upstream(CertificateAuthority ca)
    {
        if (string.IsNullOrWhiteSpace(ca.UpstreamChainPem))
            return [];
        var upstream = new X509Certificate2Collection();
        upstream.ImportFromPem(ca.UpstreamChainPem);
        return upstream;
    }

    /// <summary>Stores an imported CA (certificate with its key, and what is above it) with a new OCSP signer and a first CRL.</summary>
    internal async Task<Result<CaView>> StoreImportedAsync(string name, Guid? customerId, string? revocationBaseUrl, X509Certificate2 caWithKey, AsymmetricAlgorithm key,
        IReadOnlyList<X509Certificate2> upstream, Actor actor, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var input = new CaInput(customerId, name, null, null, null, RevocationBaseUrl: revocationBaseUrl);
        var ca = NewAuthority(id, input, PkiKeys.Describe(key).Require().Type, null, caWithKey, keys.Seal(key));
        (ca.Imported, ca.UpstreamChainPem) = (true, string.Concat(upstream.Select(c => c.ExportCertificatePem() + "\n")));
        AddOcspSigner(ca, caWithKey);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Add(ca);
            await db.SaveChangesAsync(ct);
        }
        await crls.PublishAsync(id, ct);
        await audit.RecordAsync("ca.import", "CertificateAuthority", id.ToString(), $"Imported CA '{ca.Name}' {ca.Subject} (serial {ca.SerialNumber}), revocation addresses under {urls.BaseFor(ca.RevocationBaseUrl)}.", customerId: customerId, ct: ct);
        return await GetAsync(id, actor, ct);
    }

    private CertificateAuthority NewAuthority(Guid id, CaInput input, string keyType, Guid? parentId, X509Certificate2 certificate, string sealedKey) => new()
    {
        Id = id, CustomerId = input.CustomerId, Name = input.Name!.Trim(), Subject = certificate.Subject, KeyType = keyType, ParentCaId = parentId,
        RevocationBaseUrl = RevocationBaseUrl.Normalize(input.RevocationBaseUrl), CertificatePem = certificate.ExportCertificatePem() + "\n", SealedPrivateKey = sealedKey,
        SerialNumber = certificate.SerialNumber.ToLowerInvariant(), ThumbprintSha256 = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)),
        NotBefore = certificate.NotBefore.ToUniversalTime(), NotAfter = certificate.NotAfter.ToUniversalTime(), CreatedAt = clock.GetUtcNow().UtcDateTime,
    };

    // RFC 6960 §4.2.2.2: a delegated responder certificate signed by the CA; P-256 so each signed answer is cheap.
    private void AddOcspSigner(CertificateAuthority ca, X509Certificate2 caWithKey)
    {
        using var signerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = new CertificateIssuer(caWithKey, RevocationUrls.None, clock).IssueOcspSigner(PublicKeyOf(signerKey), TimeSpan.FromDays(365));
        (ca.OcspSignerPem, ca.SealedOcspSignerKey) = (signer.ExportCertificatePem() + "\n", keys.Seal(signerKey));
    }

    private static PublicKey PublicKeyOf(AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec => new PublicKey(ec),
        RSA rsa => new PublicKey(rsa),
        _ => throw new ArgumentException("Only EC and RSA keys.", nameof(key)),
    };

    /// <summary>The addresses a CA would write under <paramref name="revocationBaseUrl"/> (the create dialog's preview, before the CA has an id).</summary>
    public CaRevocationUrls PreviewUrls(string? revocationBaseUrl, string caId) => CaRevocationUrls.Under(urls.For(caId, revocationBaseUrl));

    private CaView ToView(CertificateAuthority c)
    {
        var written = CaRevocationUrls.Under(urls.For(c.Id.ToString(), c.RevocationBaseUrl));
        return new(c.Id, c.CustomerId, c.Name, c.Subject, c.KeyType, c.ParentCaId, c.Imported, c.SerialNumber,
            c.ThumbprintSha256, c.NotBefore, c.NotAfter, c.CertificatePem, c.CrlNumber, c.CrlNextUpdate,
            written.CaIssuers, written.Crl, written.Ocsp, c.CreatedAt, c.RevocationBaseUrl, written);
    }


    private static Result<T> NotFound<T>() => Result<T>.NotFound("No such CA.");

    private async Task<Result<CaView>> RefusedDeleteAsync(CertificateAuthority ca, Result<CaView> refused, CancellationToken ct)
    {
        await audit.RecordAsync("ca.delete", "CertificateAuthority", ca.Id.ToString(), $"Refused: {refused.Message}", AuditOutcome.Failure, ca.CustomerId, ct);
        return refused;
    }

    private async Task<Result<CaView>> RefusedAsync(Result<CaView> result, Guid? customerId, CancellationToken ct, string action = "ca.create", Guid? id = null)
    {
        await audit.RecordAsync(action, "CertificateAuthority", id?.ToString(), $"Refused: {result.Message}", AuditOutcome.Failure, customerId, ct);
        return result;
    }
}
