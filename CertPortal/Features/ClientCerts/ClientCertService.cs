using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.CertificateAuthorities;
using CertPortal.Features.Customers;
using CertPortal.Pki;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.ClientCerts;

/// <summary>Client certificates' use cases; pages and /api/v1/client-certs both call these. Every attempt is audited.</summary>
public sealed class ClientCertService(
    IDbContextFactory<AppDbContext> dbFactory,
    ClientCertSigner signer,
    ICaSigning cas,
    ICustomerDirectory customers,
    AuditLog audit,
    TimeProvider clock)
{
    public const string EntityType = "ClientCertificate";

    public async Task<PagedList<ClientCertView>> ListAsync(ClientCertFilter filter, Paging paging, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<ClientCertificate>().AsNoTracking();
        query = query.VisibleTo(actor);
        if (filter.CustomerId is { } customerId)
            query = query.Where(c => c.CustomerId == customerId);
        if (filter.CaId is { } caId)
            query = query.Where(c => c.CaId == caId);
        var now = Now;
        query = filter.Status switch
        {
            ClientCertStatus.Expired => query.Where(c => c.Status == ClientCertStatus.Valid && c.NotAfter <= now),
            ClientCertStatus.Valid => query.Where(c => c.Status == ClientCertStatus.Valid && c.NotAfter > now),
            ClientCertStatus.Revoked => query.Where(c => c.Status == ClientCertStatus.Revoked),
            _ => query,
        };
        if (filter.ExpiringWithinDays is { } days)
        {
            var until = now.AddDays(Math.Clamp(days, 0, 36_500));
            var all = db.Set<ClientCertificate>();
            query = query.Where(c => c.Status == ClientCertStatus.Valid && c.NotAfter > now && c.NotAfter <= until && !all.Any(n => n.RenewedFromId == c.Id));
        }
        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            var term = TextSearch.Term(search);
            query = query.Where(c => c.CommonName.ToLower().Contains(term) || (c.Email ?? "").ToLower().Contains(term) || c.SerialNumber == term);
        }
        var total = await query.CountAsync(ct);
        var items = await ClientCertSort.Apply(query, filter.Sort ?? ClientCertSort.Default, cas.Names(db), customers.Names(db)).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<ClientCertView>(items.Select(ToView).ToList(), total);
    }

    public async Task<Result<ClientCertView>> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificate = await db.Set<ClientCertificate>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return certificate is null ? NotFound() : Result<ClientCertView>.Ok(ToView(certificate));
    }

    /// <summary>Issues with a key the portal makes, or signs the CSR in <see cref="ClientCertInput.CsrPem"/>.</summary>
    public async Task<Result<ClientCertView>> IssueAsync(ClientCertInput input, Actor actor, CancellationToken ct = default)
    {
        var check = new Validation();
        var order = ClientCertOrder.Check(input, check);
        var opened = await signer.OpenAsync(input.CaId, input.CustomerId, actor, ct);
        if (!opened.IsOk)
            foreach (var (field, messages) in opened.Errors)
                check.Add(field, messages[0]);
        if (!check.IsValid)
        {
            if (opened.IsOk)
                opened.Value.Ca.Dispose();
            return await RefusedAsync("client-cert.issue", null, input.CustomerId, check.ToResult<ClientCertView>(), ct);
        }
        var (ca, customerId) = opened.Value;
        return await StoreAsync(ca, customerId, order!, null, actor, ct);
    }

    /// <summary>A new certificate with a new key and the same subject, names, usage and lifetime, linked to the old one.</summary>
    public async Task<Result<ClientCertView>> RenewAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var old = await db.Set<ClientCertificate>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (old is null)
            return NotFound();
        if (old.FromCsr)
            return await RefusedAsync("client-cert.renew", id, old.CustomerId,
                Result<ClientCertView>.Conflict("This certificate was signed from a CSR and its key never left the device: send a new CSR to get a new certificate."), ct);
        if (old.Status == ClientCertStatus.Revoked)
            return await RefusedAsync("client-cert.renew", id, old.CustomerId, Result<ClientCertView>.Conflict("A revoked certificate is not renewed; issue a new one."), ct);
        var check = new Validation();
        var order = ClientCertOrder.Repeat(old, check);
        var opened = await signer.OpenAsync(old.CaId, old.CustomerId, actor, ct);
        if (order is null || !opened.IsOk)
        {
            if (opened.IsOk)
                opened.Value.Ca.Dispose();
            return await RefusedAsync("client-cert.renew", id, old.CustomerId, Result<ClientCertView>.Conflict(
                $"The certificate cannot be issued again: {(order is null ? check.ToResult<ClientCertView>().Message : opened.Message)}"), ct);
        }
        return await StoreAsync(opened.Value.Ca, old.CustomerId, order, old.Id, actor, ct);
    }

    /// <summary>Marks the certificate revoked with an RFC 5280 reason; the CA's CRL and OCSP answers follow at once.</summary>
    public async Task<Result<ClientCertView>> RevokeAsync(Guid id, ClientCertRevokeInput input, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificate = await db.Set<ClientCertificate>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (certificate is null)
            return NotFound();
        var reason = RevocationReason.Parse(string.IsNullOrWhiteSpace(input.Reason) ? RevocationReason.Unspecified.Name : input.Reason);
        Result<ClientCertView>? refused = null;
        if (!reason.IsOk)
            refused = Result<ClientCertView>.Invalid("reason", reason.Error!);
        else if (reason.Value == RevocationReason.RemoveFromCrl)
            refused = Result<ClientCertView>.Invalid("reason", "removeFromCRL only takes an entry off a delta CRL; it is not a reason to revoke.");
        else if (certificate.Status == ClientCertStatus.Revoked)
            refused = Result<ClientCertView>.Conflict($"This certificate is already revoked (since {certificate.RevokedAt:yyyy-MM-dd HH:mm} UTC, {certificate.RevocationReason}).");
        if (refused is not null)
            return await RefusedAsync("client-cert.revoke", id, certificate.CustomerId, refused, ct);

        (certificate.Status, certificate.RevokedAt, certificate.RevocationReason) = (ClientCertStatus.Revoked, Now, reason.Value!.Name);
        // Only a still-valid row is changed, so two revocations at once make one entry and one 409.
        var changed = await db.Set<ClientCertificate>().Where(c => c.Id == id && c.Status == ClientCertStatus.Valid)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ClientCertStatus.Revoked).SetProperty(c => c.RevokedAt, certificate.RevokedAt)
                .SetProperty(c => c.RevocationReason, certificate.RevocationReason), ct);
        if (changed == 0)
            return await RefusedAsync("client-cert.revoke", id, certificate.CustomerId, Result<ClientCertView>.Conflict("This certificate is already revoked."), ct);
        await cas.RevocationChangedAsync(certificate.CaId, ct);
        await audit.RecordAsync("client-cert.revoke", EntityType, id.ToString(),
            $"Revoked {certificate.CommonName} (serial {certificate.SerialNumber}), reason {certificate.RevocationReason}.", customerId: certificate.CustomerId, ct: ct);
        return Result<ClientCertView>.Ok(ToView(certificate));
    }

    /// <summary>Signs, stores and announces one certificate; disposes <paramref name="ca"/>.</summary>
    private async Task<Result<ClientCertView>> StoreAsync(IssuingCa ca, Guid customerId, ClientCertOrder order, Guid? renewedFromId, Actor actor, CancellationToken ct)
    {
        var action = renewedFromId is null ? "client-cert.issue" : "client-cert.renew";
        using (ca)
        {
            var signed = signer.Sign(ca, customerId, order, renewedFromId);
            if (!signed.IsOk)
            {
                var refusal = renewedFromId is null ? Result<ClientCertView>.Invalid(FieldOf(signed.Error!, order), signed.Error!) : Result<ClientCertView>.Conflict(signed.Error!);
                return await RefusedAsync(action, renewedFromId, customerId, refusal, ct);
            }
            using var issued = signed.Value!;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Add(issued.Entity);
            await db.SaveChangesAsync(ct);
            await cas.RevocationChangedAsync(ca.Id, ct);
            var entity = issued.Entity;
            await audit.RecordAsync(action, EntityType, entity.Id.ToString(),
                $"{(renewedFromId is null ? "Issued" : $"Renewed {renewedFromId} as")} {entity.Usage} certificate {entity.Subject} from CA '{ca.Name}', serial {entity.SerialNumber}, " +
                $"{(entity.FromCsr ? "signed from a CSR" : $"portal-made {entity.KeyType} key")}, until {entity.NotAfter:yyyy-MM-dd}.",
                customerId: customerId, ct: ct);
            return Result<ClientCertView>.Ok(ToView(entity));
        }
    }

    // The issuer refuses names (constraints, a server without a DNS name); say which field holds the one it named.
    private static string FieldOf(string error, ClientCertOrder order) =>
        error.StartsWith(order.CommonName + " ", StringComparison.OrdinalIgnoreCase) && !order.Names.DnsNames.Contains(order.CommonName, StringComparer.OrdinalIgnoreCase)
            ? "commonName" : "subjectAlternativeNames";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public ClientCertView ToView(ClientCertificate c) => new(c.Id, c.CustomerId, c.CaId, c.CommonName, c.Email, c.Organization, c.Usage,
        c.SubjectAlternativeNames, c.KeyType, c.Subject, c.SerialNumber, ClientCertStatus.Of(c, Now), c.NotBefore, c.NotAfter,
        (int)Math.Floor((c.NotAfter - Now).TotalDays), c.ThumbprintSha256, !c.FromCsr, c.RevokedAt, c.RevocationReason, c.RenewedFromId, c.CreatedAt);

    private static Result<ClientCertView> NotFound() => Result<ClientCertView>.NotFound("No such client certificate.");

    private async Task<Result<ClientCertView>> RefusedAsync(string action, Guid? id, Guid? customerId, Result<ClientCertView> result, CancellationToken ct)
    {
        await audit.RecordAsync(action, EntityType, id?.ToString(), $"Refused: {result.Message}", AuditOutcome.Failure, customerId, ct);
        return result;
    }
}
