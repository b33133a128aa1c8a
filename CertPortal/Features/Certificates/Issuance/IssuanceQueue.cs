using System.Threading.Channels;
using CertPortal.Common.Runs;
using CertPortal.Data;
using CertPortal.Features.DnsProviders;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.Certificates.Issuance;

/// <summary>
/// Works orders in the background, at most <see cref="CertificateOptions.MaxParallelIssuances"/> at once, each
/// certificate at most once at a time. At start it takes up what the database says was under way: runs cut off
/// by a stop (even kill -9) are marked interrupted, their challenge records removed, and the certificate ordered again.
/// </summary>
public sealed class IssuanceQueue(
    IServiceScopeFactory scopes,
    IDbContextFactory<AppDbContext> dbFactory,
    IOptions<CertificateOptions> options,
    TimeProvider clock,
    ILogger<IssuanceQueue> logger) : BackgroundService
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>();
    private readonly Lock _gate = new();
    private readonly HashSet<Guid> _queued = [];
    private readonly HashSet<Guid> _again = [];

    /// <summary>
    /// Queues an order for the certificate; false when one is already queued or running. Asked while its order runs
    /// (e.g. "renew" right after an issuance whose listeners are still at work), it is taken up again once that ends:
    /// the new request is not lost, and the runner does nothing if no work is left by then.
    /// </summary>
    public bool Enqueue(Guid certificateId)
    {
        lock (_gate)
        {
            if (_queued.Add(certificateId))
                return _channel.Writer.TryWrite(certificateId);
            _again.Add(certificateId);
            return false;
        }
    }

    private void Done(Guid certificateId)
    {
        lock (_gate)
        {
            if (_again.Remove(certificateId))
                _channel.Writer.TryWrite(certificateId);
            else
                _queued.Remove(certificateId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ResumeAsync(stoppingToken);
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.MaxParallelIssuances)).Select(_ => WorkAsync(stoppingToken)));
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var certificateId in _channel.Reader.ReadAllAsync(ct))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<IssuanceRunner>().RunAsync(certificateId, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "The order for certificate {CertificateId} failed unexpectedly", certificateId);
                }
                finally
                {
                    Done(certificateId);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: what is under way stays "running" in the database and is resumed at the next start.
        }
    }

    private async Task ResumeAsync(CancellationToken ct)
    {
        using var _ = ActorAccessor.RunAs(Actor.Job(nameof(IssuanceQueue)));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cutOff = await db.Set<IssuanceRun>().Where(r => r.Status == "running").ToListAsync(ct);
        foreach (var run in cutOff)
        {
            await using var scope = scopes.CreateAsyncScope();
            var dns = scope.ServiceProvider.GetRequiredService<DnsChallengePublisher>();
            foreach (var record in run.OpenRecords)
            {
                try
                {
                    await dns.RemoveAsync(record.ProviderId, record.RecordName, record.Value, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Could not remove {Record} left by an interrupted run: {Reason}", record.RecordName, e.Message);
                }
            }
            run.Status = "interrupted";
            run.FinishedAt = clock.GetUtcNow().UtcDateTime;
            run.OpenRecords = [];
            run.AddStep("Interrupted", RunStep.Failed, "The portal stopped during this run; the order is started again.", run.FinishedAt.Value);
        }
        await db.SaveChangesAsync(ct);
        var working = await db.Set<Certificate>().Where(c => CertificateStatus.Working.Contains(c.Status)).Select(c => c.Id).ToListAsync(ct);
        if (cutOff.Count > 0 || working.Count > 0)
            logger.LogInformation("Resuming {Count} certificate order(s) after a restart ({Interrupted} run(s) were cut off)", working.Count, cutOff.Count);
        foreach (var id in working)
            Enqueue(id);
    }
}
