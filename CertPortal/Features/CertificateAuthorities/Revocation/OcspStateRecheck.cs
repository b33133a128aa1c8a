using CertPortal.Data.Progress;

namespace CertPortal.Features.CertificateAuthorities.Revocation;

/// <summary>
/// Bounds how long an instance can miss a revocation made on another one: the relay's notice is lost if this
/// instance's listening connection dropped just then, so every <c>CertPortal:Pki:OcspRecheckSeconds</c> the states
/// held in memory are compared with the database, and a CA that differs is handled as if the notice had come.
/// One instance (SQLite) hears every change itself and skips it.
/// </summary>
public sealed class OcspStateRecheck(CaRevocationIndex index, CaRevocationProgress revocations, ProgressRelay relay, ILogger<OcspStateRecheck> logger)
{
    /// <summary>Returns the CAs whose states had changed unnoticed.</summary>
    public async Task<IReadOnlyList<Guid>> RunOnceAsync(CancellationToken ct)
    {
        var missed = new List<Guid>();
        if (!relay.Enabled)
            return missed;
        foreach (var caId in index.Loaded)
        {
            ct.ThrowIfCancellationRequested();
            if (await index.MatchesSourcesAsync(caId))
                continue;
            logger.LogWarning("CA {CaId} issued or revoked without this instance hearing of it; its OCSP answers are signed again", caId);
            revocations.Raise(caId);
            missed.Add(caId);
        }
        return missed;
    }
}
