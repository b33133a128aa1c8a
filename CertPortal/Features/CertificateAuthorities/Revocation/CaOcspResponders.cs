using System.Collections.Concurrent;
using CertPortal.Data;
using CertPortal.Pki;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.CertificateAuthorities.Revocation;

/// <summary>
/// One OCSP responder per CA, kept for the life of the process: issuer hashes computed once, the delegated P-256
/// signer's key unsealed once, signed answers cached (by certificate state, so a revocation is never answered "good").
/// </summary>
public sealed class CaOcspResponders(IDbContextFactory<AppDbContext> dbFactory, CaRevocationIndex index, CaKeyring keys, IOptions<CaOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<OcspResponder?>>> _responders = new();
    // The signer's certificate each responder signs with, to notice a new one another instance made.
    private readonly ConcurrentDictionary<Guid, string> _signers = new();

    /// <summary>The CA's responder, or null when there is no such CA.</summary>
    public Task<OcspResponder?> ForAsync(Guid caId)
    {
        var entry = _responders.GetOrAdd(caId, id => new Lazy<Task<OcspResponder?>>(() => CreateAsync(id)));
        if (entry.Value.IsFaulted || entry.Value.IsCompletedSuccessfully && entry.Value.Result is null)
            _responders.TryRemove(new KeyValuePair<Guid, Lazy<Task<OcspResponder?>>>(caId, entry));
        return entry.Value;
    }

    /// <summary>The CA's responder if it is loaded already: the hot path never waits for one to be built.</summary>
    public bool TryGetLoaded(Guid caId, out OcspResponder responder)
    {
        responder = null!;
        return _responders.TryGetValue(caId, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully
            && (responder = entry.Value.Result!) is not null;
    }

    /// <summary>
    /// The CA's responder, built anew first when the CA's OCSP signer in the database is no longer the one it signs
    /// with (renewed here or on another instance).
    /// </summary>
    public async Task<OcspResponder?> ForCurrentSignerAsync(Guid caId, CancellationToken ct)
    {
        if (_signers.TryGetValue(caId, out var held))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var current = await db.Set<CertificateAuthority>().Where(c => c.Id == caId).Select(c => c.OcspSignerPem ?? c.CertificatePem).SingleOrDefaultAsync(ct);
            if (current != held)
                Forget(caId);
        }
        return await ForAsync(caId);
    }

    /// <summary>
    /// After an issuance or revocation: cached answers of this CA are dropped and its pre-signed ones are served only
    /// after a state lookup until they are signed again. Call it after the states were reloaded (or dropped).
    /// </summary>
    public void Invalidate(Guid caId)
    {
        if (_responders.TryGetValue(caId, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && entry.Value.Result is { } responder)
        {
            responder.PreSigned.Distrust();
            responder.ClearCache();
        }
    }

    /// <summary>After the signer changed: the next request builds the responder anew.</summary>
    public void Forget(Guid caId)
    {
        _responders.TryRemove(caId, out _);
        _signers.TryRemove(caId, out _);
    }

    private async Task<OcspResponder?> CreateAsync(Guid caId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var ca = await db.Set<CertificateAuthority>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == caId);
        if (ca is null)
            return null;
        var delegated = keys.OcspSigner(ca);
        var writer = new OcspResponseWriter(delegated ?? keys.SigningCertificate(ca), delegated is not null);
        var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(ca.CertificatePem);
        _signers[caId] = ca.OcspSignerPem ?? ca.CertificatePem;
        return new OcspResponder(certificate, writer, (serial, ct) => index.StatusAsync(caId, serial, ct), TimeSpan.FromHours(options.Value.OcspValidityHours), clock);
    }
}
