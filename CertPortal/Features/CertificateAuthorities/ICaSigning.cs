using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Security;

namespace CertPortal.Features.CertificateAuthorities;

/// <summary>What slices that sign with the portal's CAs (client certificates) may do with them: pick one, open it for signing, report a revocation.</summary>
public interface ICaSigning
{
    /// <summary>CAs of a customer (with the shared ones), or all the person sees.</summary>
    Task<PagedList<CaView>> ListAsync(Guid? customerId, Paging paging, Actor actor, CancellationToken ct = default);

    /// <summary>Opens a CA for signing (the caller issues and disposes); refused when the person may not use it or it has expired.</summary>
    Task<Result<IssuingCa>> OpenIssuerAsync(Guid caId, Actor actor, CancellationToken ct = default);

    /// <summary>After a certificate of this CA was issued or revoked: OCSP forgets its cache and a new CRL is signed.</summary>
    Task RevocationChangedAsync(Guid caId, CancellationToken ct = default);

    /// <summary>Every CA's name as a query on the caller's context, so a list of what a CA signed can order by CA.</summary>
    IQueryable<ObjectName> Names(AppDbContext db);
}
