using System.Collections.Concurrent;
using System.Threading.Channels;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.CertificateAuthorities.Revocation;

/// <summary>
/// Signs OCSP answers ahead of time in the background, on each instance for itself: every CA's after start, a CA's
/// again after each issue or revoke (here or, relayed, on another instance) and when its signer changed, and every
/// <c>CertPortal:Pki:OcspRecheckSeconds</c> those past half their validity. Only answers whose state changed, or that
/// are past half their validity, are signed again; until a CA's are trusted again its requests take the long way
/// (README.md, "OCSP"), so nothing waits for this.
/// </summary>
public sealed class OcspPreSigner(IDbContextFactory<AppDbContext> dbFactory, CaOcspResponders responders, CaRevocationIndex index,
    CaRevocationProgress revocations, OcspStateRecheck recheck, IOptions<CaOptions> options, TimeProvider clock, ILogger<OcspPreSigner> logger) : BackgroundService
{
    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, byte> _queued = new();

    /// <summary>Asks for the CA's answers to be brought up to date soon; asking twice before it runs signs once.</summary>
    public void Enqueue(Guid caId)
    {
        if (_queued.TryAdd(caId, 0))
            _queue.Writer.TryWrite(caId);
    }

    /// <summary>Brings one CA's answers up to date now and trusts them if no change came meanwhile; returns how many it signed.</summary>
    public async Task<int> PreSignAsync(Guid caId, CancellationToken ct = default)
    {
        if (await responders.ForCurrentSignerAsync(caId, ct) is not { } responder)
            return 0;
        // Taken before the states are read: a change after this point leaves the answers distrusted for the next run.
        var generation = responder.PreSigned.Generation;
        var statuses = await index.StatusesAsync(caId);
        var signed = 0;
        foreach (var (serial, status) in statuses)
            if (responder.PreSigned.Sign(serial, status))
                signed++;
        responder.PreSigned.KeepOnly(statuses.Select(s => responder.PreSigned.KeyOf(s.SerialHex)).ToHashSet());
        responder.PreSigned.TrustAsOf(generation);
        return signed;
    }

    /// <summary>Every CA's answers; the start and the tests use this.</summary>
    public async Task<int> PreSignAllAsync(CancellationToken ct)
    {
        var signed = 0;
        foreach (var id in await CaIdsAsync(ct))
            signed += await PreSignAsync(id, ct);
        return signed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        revocations.Changed += caId =>
        {
            // States first, then distrust: a run that sees the new generation then reads the new states.
            index.Invalidate(caId);
            responders.Invalidate(caId);
            Enqueue(caId);
        };
        // Off the start: on SQLite the queries complete synchronously, and 10,000 signatures must not hold the host up.
        await Task.Yield();
        try
        {
            logger.LogInformation("Pre-signed {Count} OCSP answers at start", await PreSignAllAsync(stoppingToken));
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning("Pre-signing OCSP answers at start failed; the next round tries again: {Reason}", e.Message);
        }
        await Task.WhenAll(WorkQueueAsync(stoppingToken), RefreshOnScheduleAsync(stoppingToken));
    }

    private async Task WorkQueueAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var caId in _queue.Reader.ReadAllAsync(ct))
            {
                _queued.TryRemove(caId, out _);
                try
                {
                    await PreSignAsync(caId, ct);
                }
                catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
                {
                    // Its requests are answered the long way meanwhile; the next round signs them.
                    logger.LogWarning("Pre-signing the OCSP answers of CA {CaId} failed: {Reason}", caId, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task RefreshOnScheduleAsync(CancellationToken ct)
    {
        var interval = TimeSpan.FromSeconds(options.Value.OcspRecheckSeconds);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, ct);
                await recheck.RunOnceAsync(ct);
                foreach (var id in await CaIdsAsync(ct))
                    Enqueue(id);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                logger.LogWarning("Checking the pre-signed OCSP answers failed; trying again in {Seconds} s: {Reason}", interval.TotalSeconds, e.Message);
            }
        }
    }

    private async Task<List<Guid>> CaIdsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<CertificateAuthority>().Select(c => c.Id).ToListAsync(ct);
    }
}
