using CertPortal.Common.Runs;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates.Issuance;

/// <summary>
/// Writes one run's steps to the database as they happen (the database is the truth a restart reads) and tells open
/// pages. Each write is its own short transaction so many parallel runs do not hold SQLite's write lock.
/// </summary>
public sealed class IssuanceLog(IDbContextFactory<AppDbContext> dbFactory, IssuanceProgress progress, TimeProvider clock, Guid runId, Guid certificateId)
{
    public Guid RunId => runId;

    public Task StepAsync(string name, string message, CancellationToken ct) => UpdateAsync(r => r.AddStep(name, RunStep.Done, message, Now), ct);

    public Task FailStepAsync(string name, string message) => UpdateAsync(r => r.AddStep(name, RunStep.Failed, message, Now), CancellationToken.None);

    public Task OrderAsync(Uri orderUrl, CancellationToken ct) => UpdateAsync(r => r.OrderUrl = orderUrl.AbsoluteUri, ct);

    public Task RecordWritingAsync(ChallengeRecord record, CancellationToken ct) => UpdateAsync(r => r.OpenRecords.Add(record), ct);

    public Task RecordRemovedAsync(ChallengeRecord record) => UpdateAsync(r => r.OpenRecords.Remove(record), CancellationToken.None);

    public Task FinishAsync(string status, string? error) => UpdateAsync(r => (r.Status, r.Error, r.FinishedAt) = (status, error, Now), CancellationToken.None);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // The names of one order are worked in parallel; each change reads and rewrites the run's step list, so changes
    // of one run go one at a time or a step would be lost.
    private readonly SemaphoreSlim _gate = new(1, 1);

    private async Task UpdateAsync(Action<IssuanceRun> change, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var run = await db.Set<IssuanceRun>().SingleAsync(r => r.Id == runId, ct);
            change(run);
            // Owned JSON lists are replaced, not mutated in place, so EF sees the change.
            run.OpenRecords = run.OpenRecords.ToList();
            db.Entry(run).Property(r => r.Steps).IsModified = true;
            db.Entry(run).Property(r => r.OpenRecords).IsModified = true;
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
        progress.Notify(certificateId);
    }
}
