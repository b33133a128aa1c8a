using System.Collections.Concurrent;
using System.Threading.Channels;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.CertificateAuthorities.Revocation;

/// <summary>
/// Signs OCSP answers ahead of time in the background: every CA's at start, a CA's again after each issue or revoke
/// (here or, relayed, on another instance). Only answers whose state changed, or that are past half their validity,
/// are signed again; until then requests are answered as before, so nothing waits for it.
/// </summary>
public sealed class OcspPreSigner(IDbContextFactory<AppDbContext> dbFactory, CaOcspResponders responders, CaRevocationIndex index,
    CaRevocationProgress revocations, ILogger<OcspPreSigner> logger) : BackgroundService
{
    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, byte> _queued = new();

    /// <summary>Asks for the CA's answers to be brought up to date soon; asking twice before it runs signs once.</summary>
    public void Enqueue(Guid caId)
    {
        if (_queued.TryAdd(caId, 0))
            _queue.Writer.TryWrite(caId);
    }

    /// <summary>Brings one CA's answers up to date now; returns how many it signed.</summary>
    public async Task<int> PreSignAsync(Guid caId)
    {
        if (await responders.ForAsync(caId) is not { } responder)
            return 0;
        var statuses = await index.StatusesAsync(caId);
        var signed = 0;
        foreach (var (serial, status) in statuses)
            if (responder.PreSigned.Sign(serial, status))
                signed++;
        responder.PreSigned.KeepOnly(statuses.Select(s => responder.PreSigned.KeyOf(s.SerialHex)).ToHashSet());
        return signed;
    }

    /// <summary>Every CA's answers; the scheduled refresh and the start use this.</summary>
    public async Task<int> PreSignAllAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.Set<CertificateAuthority>().Select(c => c.Id).ToListAsync(ct);
        var signed = 0;
        foreach (var id in ids)
            signed += await PreSignAsync(id);
        return signed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        revocations.Changed += caId =>
        {
            // Reloaded at once, so the very next request sees the revocation; the signing follows in the background.
            index.Invalidate(caId);
            responders.Invalidate(caId);
            Enqueue(caId);
        };
        try
        {
            logger.LogInformation("Pre-signed {Count} OCSP answers at start", await PreSignAllAsync(stoppingToken));
            await foreach (var caId in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                _queued.TryRemove(caId, out _);
                await PreSignAsync(caId);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // Answers are still signed per request; only the speed-up is lost until the next scheduled refresh.
            logger.LogWarning("Pre-signing OCSP answers stopped: {Reason}", e.Message);
        }
    }
}
