using System.Collections.Concurrent;
using CertPortal.Pki;

namespace CertPortal.Features.CertificateAuthorities.Revocation;

/// <summary>
/// Every serial a CA signed and whether it is revoked, held in memory per CA so an OCSP answer costs a dictionary
/// lookup, not a query. Loaded from every <see cref="IIssuedCertificateSource"/> on first use; dropped when a source
/// says something changed (issued or revoked).
/// </summary>
public sealed class CaRevocationIndex(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<Dictionary<string, IssuedCertificateState>>>> _byCa = new();

    public async ValueTask<OcspCertificateStatus> StatusAsync(Guid caId, string serialHex, CancellationToken ct)
    {
        var states = await StatesAsync(caId);
        return states.TryGetValue(Normalize(serialHex), out var state) ? StatusOf(state) : OcspCertificateStatus.Unknown;
    }

    /// <summary>Every serial the CA signed with its OCSP status, for answers signed ahead of time.</summary>
    public async Task<IReadOnlyList<(string SerialHex, OcspCertificateStatus Status)>> StatusesAsync(Guid caId) =>
        (await StatesAsync(caId)).Values.Select(s => (s.SerialHex, StatusOf(s))).ToList();

    private static OcspCertificateStatus StatusOf(IssuedCertificateState state) =>
        state.RevokedAt is { } at ? OcspCertificateStatus.Revoked(at, state.Reason ?? RevocationReason.Unspecified) : OcspCertificateStatus.Good;

    public async Task<IReadOnlyList<RevokedCertificate>> RevokedAsync(Guid caId) =>
        (await StatesAsync(caId)).Values.Where(s => s.RevokedAt is not null)
            .Select(s => new RevokedCertificate(s.SerialHex, s.RevokedAt!.Value, s.Reason ?? RevocationReason.Unspecified)).ToList();

    public async Task<int> CountAsync(Guid caId) => (await StatesAsync(caId)).Count;

    public void Invalidate(Guid caId) => _byCa.TryRemove(caId, out _);

    /// <summary>The CAs whose states are held, for <see cref="OcspStateRecheck"/>.</summary>
    public IReadOnlyList<Guid> Loaded => _byCa.Keys.ToList();

    /// <summary>
    /// Whether the states held for the CA are still those its sources give now; true when none are held. A relayed
    /// change can be lost while an instance's connection to the database drops; this finds what it missed.
    /// </summary>
    public async Task<bool> MatchesSourcesAsync(Guid caId)
    {
        if (!_byCa.TryGetValue(caId, out var entry) || !entry.IsValueCreated || !entry.Value.IsCompletedSuccessfully)
            return true;
        var (held, now) = (entry.Value.Result, await LoadAsync(caId));
        return held.Count == now.Count && now.All(s => held.TryGetValue(s.Key, out var was) && was == s.Value);
    }

    /// <summary>Serials compare as numbers: lowercase hex without leading zeros (a DER sign octet is 00).</summary>
    public static string Normalize(string serialHex) => serialHex.Trim().ToLowerInvariant().TrimStart('0') is { Length: > 0 } s ? s : "0";

    private Task<Dictionary<string, IssuedCertificateState>> StatesAsync(Guid caId)
    {
        var entry = _byCa.GetOrAdd(caId, id => new Lazy<Task<Dictionary<string, IssuedCertificateState>>>(() => LoadAsync(id)));
        var task = entry.Value;
        if (task.IsFaulted)
            _byCa.TryRemove(new KeyValuePair<Guid, Lazy<Task<Dictionary<string, IssuedCertificateState>>>>(caId, entry));
        return task;
    }

    private async Task<Dictionary<string, IssuedCertificateState>> LoadAsync(Guid caId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var states = new Dictionary<string, IssuedCertificateState>();
        foreach (var source in scope.ServiceProvider.GetServices<IIssuedCertificateSource>())
            foreach (var state in await source.StatesAsync(caId, CancellationToken.None))
                states[Normalize(state.SerialHex)] = state with { SerialHex = Normalize(state.SerialHex) };
        return states;
    }
}
