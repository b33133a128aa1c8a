using System.Collections.Concurrent;
using CertPortal.Data;
using CertPortal.Features.CertificateAuthorities.Trust;
using CertPortal.Pki;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.CertificateAuthorities.Revocation;

/// <summary>
/// Signs a new CRL for a CA (RFC 5280 §5: CRL number one higher each time, nextUpdate from settings) and stores it,
/// so <c>/pki/{id}/crl</c> serves bytes without signing. One publication per CA at a time. Each new CRL is then told
/// to <see cref="ICrlPublishedListener"/>s (trust pushed to devices).
/// </summary>
public sealed class CrlPublisher(IDbContextFactory<AppDbContext> dbFactory, CaRevocationIndex index, CaKeyring keys, IOptions<CaOptions> options, TimeProvider clock,
    IServiceScopeFactory scopes, ILogger<CrlPublisher> logger)
{
    private static readonly ConcurrentDictionary<Guid, SemaphoreSlim> Locks = new();

    public async Task<SignedCrl> PublishAsync(Guid caId, CancellationToken ct = default)
    {
        var crl = await SignAsync(caId, ct);
        await TellListenersAsync(new CrlPublished(caId, (long)crl.Number), ct);
        return crl;
    }

    private async Task<SignedCrl> SignAsync(Guid caId, CancellationToken ct)
    {
        var gate = Locks.GetOrAdd(caId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var ca = await db.Set<CertificateAuthority>().SingleAsync(c => c.Id == caId, ct);
            using var signer = keys.SigningCertificate(ca);
            var crl = new CrlBuilder(clock).Build(signer, ca.CrlNumber + 1, TimeSpan.FromHours(options.Value.CrlValidityHours), await index.RevokedAsync(caId)).Require();
            (ca.CrlNumber, ca.CrlDer, ca.CrlThisUpdate, ca.CrlNextUpdate) = ((long)crl.Number, crl.Der, crl.ThisUpdate.UtcDateTime, crl.NextUpdate.UtcDateTime);
            await db.SaveChangesAsync(ct);
            return crl;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task TellListenersAsync(CrlPublished published, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var listener in scope.ServiceProvider.GetServices<ICrlPublishedListener>())
        {
            try
            {
                await listener.OnPublishedAsync(published, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The CRL is signed and served whatever a listener does; a failed push shows in its own runs.
                logger.LogError(e, "Listener {Listener} failed on CRL {CrlNumber} of CA {CaId}", listener.GetType().Name, published.CrlNumber, published.CaId);
            }
        }
    }
}
