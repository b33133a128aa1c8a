using CertPortal.Acme;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Certificates.Accounts;
using CertPortal.Features.Certificates.Files;
using CertPortal.Features.Certificates.Issuance;
using CertPortal.Features.Customers;
using CertPortal.Features.DnsProviders;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates;

/// <summary>Certificates' use cases; the pages and /api/v1/certificates both call these. Key material never leaves here.</summary>
public sealed class CertificateService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICustomerDirectory customers,
    DnsChallengePublisher dnsProviders,
    AcmeAccountClients clients,
    IssuanceQueue queue,
    IssuanceProgress progress,
    IEnumerable<ICertificateDependents> dependents,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<PagedList<CertificateView>> ListAsync(CertificateFilter filter, Paging paging, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<Certificate>().AsNoTracking();
        query = query.VisibleTo(actor);
        if (filter.CustomerId is { } customerId)
            query = query.Where(c => c.CustomerId == customerId);
        // "expired" and "valid" as lists show them: a valid certificate past its notAfter is expired.
        var now = Now;
        if (filter.Status is { Length: > 0 } status)
            query = status switch
            {
                CertificateStatus.Expired => query.Where(c => c.Status == status || c.Status == CertificateStatus.Valid && c.NotAfter <= now),
                CertificateStatus.Valid => query.Where(c => c.Status == status && (c.NotAfter == null || c.NotAfter > now)),
                _ => query.Where(c => c.Status == status),
            };
        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            var term = TextSearch.Term(search);
            query = query.Where(c => c.CommonName.ToLower().Contains(term) || c.SubjectAlternativeNames.Any(n => n.ToLower().Contains(term)));
        }
        if (filter.ExpiringWithinDays is { } days)
        {
            // As the dashboard counts it: not revoked, not yet ended, ending within so many days.
            var until = now.AddDays(Math.Clamp(days, 0, 36_500));
            query = query.Where(c => c.Status != CertificateStatus.Revoked && c.NotAfter > now && c.NotAfter <= until);
        }
        var total = await query.CountAsync(ct);
        var items = await CertificateSort.Apply(query, CertificateSort.Parse(filter.Sort), filter.Descending, now, customers.Names(db)).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var ids = items.Select(c => c.Id).ToList();
        var versions = (await db.Set<CertificateVersion>().AsNoTracking().Where(v => ids.Contains(v.CertificateId)).ToListAsync(ct)).ToLookup(v => v.CertificateId);
        return new PagedList<CertificateView>(items.Select(c => ToView(c, versions[c.Id])).ToList(), total);
    }

    public async Task<Result<CertificateView>> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificate = await db.Set<Certificate>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (certificate is null)
            return NotFound();
        var versions = await db.Set<CertificateVersion>().AsNoTracking().Where(v => v.CertificateId == id).ToListAsync(ct);
        return Result<CertificateView>.Ok(ToView(certificate, versions));
    }

    public async Task<Result<IReadOnlyList<IssuanceRunView>>> RunsAsync(Guid id, Actor actor, int take = 10, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificate = await db.Set<Certificate>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (certificate is null)
            return Result<IReadOnlyList<IssuanceRunView>>.NotFound("No such certificate.");
        var runs = await db.Set<IssuanceRun>().AsNoTracking().Where(r => r.CertificateId == id).OrderByDescending(r => r.StartedAt).Take(take).ToListAsync(ct);
        return Result<IReadOnlyList<IssuanceRunView>>.Ok(runs.Select(r => new IssuanceRunView(r.Id, r.Kind, r.Status, r.StartedAt, r.FinishedAt, r.Error, r.Steps)).ToList());
    }

    /// <summary>The current version's chain, leaf first, as the detail page shows it: subject, issuer, validity, fingerprint.</summary>
    public async Task<IReadOnlyList<ChainEntryView>> ChainAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificate = await db.Set<Certificate>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (certificate is null)
            return [];
        var version = await db.Set<CertificateVersion>().AsNoTracking().SingleOrDefaultAsync(v => v.CertificateId == id && v.Version == certificate.CurrentVersion, ct);
        if (version is null)
            return [];
        using var chain = CertificateChain.FromLeafFirstPem(version.LeafPem + version.ChainPem);
        return new[] { chain.Leaf }.Concat(chain.Intermediates)
            .Select(c => new ChainEntryView(c.Subject, c.Issuer, c.NotAfter.ToUniversalTime(), CertificateChain.Sha256(c))).ToList();
    }

    /// <summary>Stores the request as <c>pending</c> and queues the order; the answer comes before the CA is asked.</summary>
    public async Task<Result<CertificateView>> RequestAsync(CertificateRequestInput request, Actor actor, CancellationToken ct = default)
    {
        var check = new Validation();
        var challengeType = string.IsNullOrWhiteSpace(request.ChallengeType) ? "dns-01" : request.ChallengeType.Trim().ToLowerInvariant();
        if (challengeType is not ("dns-01" or "http-01"))
            check.Add("challengeType", "Challenge type must be dns-01 or http-01.");
        var names = CertificateNames.Normalize(request.CommonName, request.SubjectAlternativeNames, challengeType, check);
        var keyType = string.IsNullOrWhiteSpace(request.KeyType) ? "ec256" : request.KeyType.Trim().ToLowerInvariant();
        if (!CertificateKeys.IsKnown(keyType))
            check.Add("keyType", $"Key type must be one of: {string.Join(", ", CertificateKeys.Types)}.");
        var profile = CertificateProfiles.Normalize(request.Profile);
        if (profile is not null && !CertificateProfiles.IsToken(profile))
            check.Add("profile", CertificateProfiles.Rule);
        if (request.CustomerId is not { } customerId || await customers.FindAsync(customerId, actor, ct) is null)
            check.Add("customerId", "There is no such customer.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = request.AcmeAccountId is { } accountId ? await db.Set<AcmeRegistration>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, ct) : null;
        if (account is null || account.CustomerId is { } owner && owner != request.CustomerId)
            check.Add("acmeAccountId", "Choose an ACME account of this customer or a shared one.");
        if (challengeType == "dns-01")
        {
            if (request.DnsProviderId is not { } providerId || await dnsProviders.OwnerAsync(providerId, ct) != request.CustomerId)
                check.Add("dnsProviderId", "DNS-01 needs a DNS provider of this customer.");
        }
        if (!check.IsValid)
            return await RefusedAsync("certificate.request", null, request.CustomerId, check.ToResult<CertificateView>(), ct);

        var now = Now;
        var certificate = new Certificate
        {
            Id = Guid.NewGuid(), CustomerId = request.CustomerId!.Value, CommonName = names[0], SubjectAlternativeNames = names.Skip(1).ToList(),
            AcmeAccountId = account!.Id, DnsProviderId = challengeType == "dns-01" ? request.DnsProviderId : null, ChallengeType = challengeType,
            KeyType = keyType, Profile = profile, AutoRenew = request.AutoRenew ?? true, Status = CertificateStatus.Pending, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(certificate);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("certificate.request", "Certificate", certificate.Id.ToString(),
            $"Requested a certificate for {string.Join(", ", names)} ({keyType}, {challengeType}, profile {profile ?? "the CA's default"}) from '{account.Name}'.", customerId: certificate.CustomerId, ct: ct);
        await queue.EnqueueAsync(certificate.Id, ct);
        return Result<CertificateView>.Ok(ToView(certificate, []));
    }

    /// <summary>Queues a renewal now, whatever the schedule says. A renewal already under way is not doubled.</summary>
    public async Task<Result<CertificateView>> RenewAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificate = await db.Set<Certificate>().VisibleTo(actor).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (certificate is null)
            return NotFound();
        if (certificate.Source != CertificateSources.Acme || certificate.Status == CertificateStatus.Revoked)
            return await RefusedAsync("certificate.renew", id, certificate.CustomerId, Result<CertificateView>.Conflict(
                certificate.Status == CertificateStatus.Revoked ? "A revoked certificate is not renewed; request a new one." : "An imported certificate cannot be renewed by the portal; import its successor."), ct);
        if (!CertificateStatus.IsWorking(certificate.Status))
        {
            if (!await OrderStart.TryStartAsync(db, certificate, Now, ct))
            {
                // Another request or the scheduler started (or even finished) this renewal a moment ago: answer with
                // that one rather than ordering twice.
                await db.Entry(certificate).ReloadAsync(ct);
                return Result<CertificateView>.Ok(ToView(certificate, await db.Set<CertificateVersion>().AsNoTracking().Where(v => v.CertificateId == id).ToListAsync(ct)));
            }
            await audit.RecordAsync("certificate.renew-now", "Certificate", id.ToString(), $"Renewal of {certificate.CommonName} started by hand.", customerId: certificate.CustomerId, ct: ct);
        }
        await queue.EnqueueAsync(id, ct);
        progress.Notify(id);
        return Result<CertificateView>.Ok(ToView(certificate, await db.Set<CertificateVersion>().AsNoTracking().Where(v => v.CertificateId == id).ToListAsync(ct)));
    }

    /// <summary>Revokes the current version at the CA with an RFC 5280 reason, and stops renewing.</summary>
    public async Task<Result<CertificateView>> RevokeAsync(Guid id, RevokeRequest request, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificate = await db.Set<Certificate>().VisibleTo(actor).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (certificate is null)
            return NotFound();
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? "unspecified" : request.Reason.Trim();
        Result<CertificateView>? refused = null;
        if (!RevocationReasons.Codes.TryGetValue(reason, out var code))
            refused = Result<CertificateView>.Invalid("reason", $"Reason must be one of: {string.Join(", ", RevocationReasons.Codes.Keys)}.");
        else if (certificate.Status == CertificateStatus.Revoked)
            refused = Result<CertificateView>.Conflict("This certificate is already revoked.");
        else if (certificate.CurrentVersion == 0)
            refused = Result<CertificateView>.Conflict("This certificate has not been issued yet; delete the request instead.");
        else if (certificate.Source != CertificateSources.Acme || certificate.AcmeAccountId is null)
            refused = Result<CertificateView>.Conflict("An imported certificate is revoked with the CA that issued it, not here.");
        if (refused is not null)
            return await RefusedAsync("certificate.revoke", id, certificate.CustomerId, refused, ct);

        var version = await db.Set<CertificateVersion>().AsNoTracking().SingleAsync(v => v.CertificateId == id && v.Version == certificate.CurrentVersion, ct);
        var account = await db.Set<AcmeRegistration>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == certificate.AcmeAccountId, ct);
        if (account is null)
            return await RefusedAsync("certificate.revoke", id, certificate.CustomerId, Result<CertificateView>.Conflict("The certificate's ACME account no longer exists."), ct);
        try
        {
            using var leaf = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(version.LeafPem);
            await clients.Open(account).RevokeAsync(leaf.RawData, code, ct);
        }
        catch (AcmeException e)
        {
            var failed = e.Problem is null ? Result<CertificateView>.Upstream(e.Message) : Result<CertificateView>.Conflict($"The CA refused the revocation: {e.Message}");
            return await RefusedAsync("certificate.revoke", id, certificate.CustomerId, failed, ct);
        }
        (certificate.Status, certificate.RevokedAt, certificate.AutoRenew, certificate.UpdatedAt) = (CertificateStatus.Revoked, Now, false, Now);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("certificate.revoke", "Certificate", id.ToString(), $"Revoked {certificate.CommonName} version {version.Version} (serial {version.SerialNumber}), reason {reason}.",
            customerId: certificate.CustomerId, ct: ct);
        progress.Notify(id);
        return await GetAsync(id, actor, ct);
    }

    public async Task<Result<CertificateView>> DeleteAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificate = await db.Set<Certificate>().VisibleTo(actor).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (certificate is null)
            return NotFound();
        if (certificate.Status is CertificateStatus.Issuing or CertificateStatus.Renewing)
            return await RefusedAsync("certificate.delete", id, certificate.CustomerId, Result<CertificateView>.Conflict("An order is running for this certificate; wait until it ends."), ct);
        foreach (var dependent in dependents)
            if (await dependent.DescribeAsync(id, ct) is { } what)
                return await RefusedAsync("certificate.delete", id, certificate.CustomerId, Result<CertificateView>.Conflict($"The certificate is still used by {what}; remove those first."), ct);
        db.Remove(certificate);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("certificate.delete", "Certificate", id.ToString(), $"Deleted certificate {certificate.CommonName} and its {certificate.CurrentVersion} version(s).", customerId: certificate.CustomerId, ct: ct);
        progress.Notify(id);
        return Result<CertificateView>.Ok(ToView(certificate, []));
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public CertificateView ToView(Certificate c, IEnumerable<CertificateVersion> versions)
    {
        var status = c.Status == CertificateStatus.Valid && c.NotAfter <= Now ? CertificateStatus.Expired : c.Status;
        var daysLeft = c.NotAfter is { } notAfter ? (int?)Math.Floor((notAfter - Now).TotalDays) : null;
        return new CertificateView(c.Id, c.CustomerId, c.CommonName, c.SubjectAlternativeNames, status, c.NotBefore, c.NotAfter, daysLeft,
            c.SerialNumber, c.ThumbprintSha256, c.Issuer, c.AutoRenew, c.RenewAfter, c.LastError,
            versions.OrderByDescending(v => v.Version).Select(v => new CertificateVersionView(v.Version, v.SerialNumber, v.NotBefore, v.NotAfter, v.CreatedAt, v.ThumbprintSha256, v.Issuer)).ToList(),
            c.Source, c.AcmeAccountId, c.DnsProviderId, c.ChallengeType, c.KeyType, c.CurrentVersion, c.NextAttemptAt, c.RevokedAt, c.CreatedAt, c.UpdatedAt, c.Profile);
    }

    private static Result<CertificateView> NotFound() => Result<CertificateView>.NotFound("No such certificate.");

    private async Task<Result<CertificateView>> RefusedAsync(string action, Guid? id, Guid? customerId, Result<CertificateView> result, CancellationToken ct)
    {
        await audit.RecordAsync(action, "Certificate", id?.ToString(), $"Refused: {result.Message}", AuditOutcome.Failure, customerId, ct);
        return result;
    }
}

/// <summary>
/// List filters: customer, status, a name search, "expiring within N days" (not revoked, not yet ended) and the order
/// (<see cref="CertificateSort"/>), reversed when <see cref="Descending"/>.
/// </summary>
public sealed record CertificateFilter(Guid? CustomerId = null, string? Status = null, string? Search = null, int? ExpiringWithinDays = null, string? Sort = null,
    bool Descending = false);
