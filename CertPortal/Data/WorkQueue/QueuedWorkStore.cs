using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CertPortal.Data.WorkQueue;

/// <summary>
/// The queued-work rows: queue (idempotent per kind and subject), claim, renew, finish.
/// <para>
/// Leases on PostgreSQL are in the database's clock (<c>clock_timestamp()</c>): the one clock every instance shares,
/// in real time. <see cref="TimeProvider"/> would not do: tests move it by days, which would end live leases (work run
/// twice) or keep dead ones. On SQLite there is one instance, whose claims hold while it lives and are all dead when it
/// starts; there a claim is live while it has a lease time at all, and the claims are made under an in-process lock,
/// as SQLite has no <c>SKIP LOCKED</c>.
/// </para>
/// </summary>
public sealed class QueuedWorkStore(IDbContextFactory<AppDbContext> dbFactory, IOptions<DatabaseOptions> database, IOptions<QueueOptions> options,
    QueueInstance instance, TimeProvider clock)
{
    // Claims of one kind are made one after another across all instances (pg_advisory_xact_lock(Space, hashtext(kind))):
    // otherwise two instances could each claim a different run of the same target. "Queu" in ASCII.
    private const int AdvisoryLockSpace = 0x51756575;

    private const string PostgresEnqueue = """
        INSERT INTO "QueuedWork" ("Id", "Kind", "SubjectId", "LockKey", "QueuedAt", "Again")
        VALUES (@id, @kind, @subject, @lockKey, @queuedAt, FALSE)
        ON CONFLICT ("Kind", "SubjectId") DO UPDATE SET "Again" = "QueuedWork"."Again" OR ("QueuedWork"."ClaimedBy" IS NOT NULL AND @again)
        """;

    // The oldest row nobody holds (or whose holder's lease ran out) whose lock key no live claim holds. The advisory
    // lock is taken by a statement of its own first, so this statement's snapshot sees every claim committed before.
    private const string PostgresClaim = """
        UPDATE "QueuedWork" AS w SET "ClaimedBy" = @me, "LeaseUntil" = clock_timestamp() + make_interval(secs => @lease)
        FROM (
            SELECT q."Id", q."ClaimedBy" AS "Previous" FROM "QueuedWork" AS q
            WHERE q."Kind" = @kind
              AND (q."ClaimedBy" IS NULL OR q."LeaseUntil" IS NULL OR q."LeaseUntil" < clock_timestamp())
              AND NOT EXISTS (SELECT 1 FROM "QueuedWork" AS o
                              WHERE o."Kind" = q."Kind" AND o."LockKey" = q."LockKey" AND o."Id" <> q."Id"
                                AND o."ClaimedBy" IS NOT NULL AND o."LeaseUntil" >= clock_timestamp())
            ORDER BY q."QueuedAt" LIMIT 1
            FOR UPDATE OF q SKIP LOCKED) AS c
        WHERE w."Id" = c."Id"
        RETURNING w."Id", w."SubjectId", w."LockKey", c."Previous"
        """;

    // A transaction that holds the claim lock or a claimed row must not outlive a frozen instance (a suspended VM keeps
    // its connection open): the server ends it once it idles longer than a lease, and the others go on.
    private const string PostgresBoundIdleTransaction = "SELECT set_config('idle_in_transaction_session_timeout', @idleMs, true)";

    private const string PostgresRenew = """
        UPDATE "QueuedWork" SET "LeaseUntil" = clock_timestamp() + make_interval(secs => @lease) WHERE "Id" = @id AND "ClaimedBy" = @me
        """;

    private readonly SemaphoreSlim _sqliteGate = new(1, 1);

    private bool IsPostgres => database.Value.IsPostgres;

    private string IdleLimitMilliseconds => (options.Value.LeaseSeconds * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Queues <paramref name="subjectId"/> unless a row for it exists. With <paramref name="again"/>, a row being worked
    /// is marked to be worked once more when its turn ends (a request that came in while it ran is not lost).
    /// </summary>
    public async Task EnqueueAsync(string kind, Guid subjectId, Guid lockKey, bool again, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (IsPostgres)
        {
            await ExecutePostgresAsync(PostgresEnqueue, ct, ("id", Guid.NewGuid()), ("kind", kind), ("subject", subjectId), ("lockKey", lockKey), ("queuedAt", now), ("again", again));
            return;
        }
        await WithContextAsync(async db =>
        {
            var existing = await db.Set<QueuedWork>().SingleOrDefaultAsync(w => w.Kind == kind && w.SubjectId == subjectId, ct);
            if (existing is null)
                db.Add(new QueuedWork { Id = Guid.NewGuid(), Kind = kind, SubjectId = subjectId, LockKey = lockKey, QueuedAt = now });
            else if (again && existing.ClaimedBy is not null)
                existing.Again = true;
            await db.SaveChangesAsync(ct);
            return 0;
        }, ct);
    }

    /// <summary>Claims the next row of <paramref name="kind"/> for this instance, or null when none can be worked now.</summary>
    public Task<QueueClaim?> ClaimAsync(string kind, CancellationToken ct) => IsPostgres ? ClaimOnPostgresAsync(kind, ct) : ClaimOnSqliteAsync(kind, ct);

    /// <summary>Extends the lease of a claim being worked; false when the claim is no longer this instance's.</summary>
    public async Task<bool> RenewAsync(QueueClaim claim, CancellationToken ct) =>
        !IsPostgres || await ExecutePostgresAsync(PostgresRenew, ct, ("id", claim.Id), ("me", instance.Id), ("lease", (double)options.Value.LeaseSeconds)) == 1;

    /// <summary>
    /// Whether the claim is still this instance's, extending its lease if so; run on the caller's context, so inside its
    /// transaction the row stays locked (and skipped by other instances' claims) until that commits.
    /// </summary>
    public async Task<bool> StillHeldAsync(AppDbContext db, QueueClaim claim, CancellationToken ct)
    {
        if (IsPostgres)
        {
            if (db.Database.CurrentTransaction is not null)
                await db.Database.ExecuteSqlRawAsync(PostgresBoundIdleTransaction, [new NpgsqlParameter("idleMs", IdleLimitMilliseconds)], ct);
            return await db.Database.ExecuteSqlRawAsync(PostgresRenew,
                [new NpgsqlParameter("id", claim.Id), new NpgsqlParameter("me", instance.Id), new NpgsqlParameter("lease", (double)options.Value.LeaseSeconds)], ct) == 1;
        }
        var leaseUntil = clock.GetUtcNow().UtcDateTime.AddSeconds(options.Value.LeaseSeconds);
        return await db.Set<QueuedWork>().Where(w => w.Id == claim.Id && w.ClaimedBy == instance.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseUntil, leaseUntil), ct) == 1;
    }

    /// <summary>The turn is over: the row goes, or, asked for again meanwhile, waits for another turn.</summary>
    public Task FinishAsync(QueueClaim claim, CancellationToken ct) => WithContextAsync(async db =>
    {
        var mine = db.Set<QueuedWork>().Where(w => w.Id == claim.Id && w.ClaimedBy == instance.Id);
        if (await mine.Where(w => !w.Again).ExecuteDeleteAsync(ct) == 0)
            await mine.ExecuteUpdateAsync(s => s.SetProperty(w => w.Again, false).SetProperty(w => w.ClaimedBy, (string?)null).SetProperty(w => w.LeaseUntil, (DateTime?)null), ct);
        return 0;
    }, ct);

    /// <summary>Stopping with the claim's work cut off: marked dead so another instance (or this one restarted) takes it up at once.</summary>
    public Task ReleaseCutOffAsync(QueueClaim claim, CancellationToken ct) => WithContextAsync(db =>
        db.Set<QueuedWork>().Where(w => w.Id == claim.Id && w.ClaimedBy == instance.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseUntil, (DateTime?)null), ct), ct);

    /// <summary>
    /// At start: the claims of this instance's previous life (on SQLite: every claim, there is no other instance) are
    /// dead, so they are taken up at once with the rules for work cut off.
    /// </summary>
    public Task MarkEarlierClaimsDeadAsync(string kind, CancellationToken ct) => WithContextAsync(db =>
        db.Set<QueuedWork>().Where(w => w.Kind == kind && w.ClaimedBy != null && (!IsPostgres || w.ClaimedBy == instance.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseUntil, (DateTime?)null), ct), ct);

    private async Task<QueueClaim?> ClaimOnPostgresAsync(string kind, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var bound = new NpgsqlCommand(PostgresBoundIdleTransaction, connection, transaction))
        {
            bound.Parameters.AddWithValue("idleMs", IdleLimitMilliseconds);
            await bound.ExecuteNonQueryAsync(ct);
        }
        await using (var serialize = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@space, hashtext(@kind))", connection, transaction))
        {
            serialize.Parameters.AddWithValue("space", AdvisoryLockSpace);
            serialize.Parameters.AddWithValue("kind", kind);
            await serialize.ExecuteNonQueryAsync(ct);
        }
        QueueClaim? claim = null;
        await using (var update = new NpgsqlCommand(PostgresClaim, connection, transaction))
        {
            update.Parameters.AddWithValue("me", instance.Id);
            update.Parameters.AddWithValue("lease", (double)options.Value.LeaseSeconds);
            update.Parameters.AddWithValue("kind", kind);
            await using var reader = await update.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
                claim = new QueueClaim(reader.GetGuid(0), kind, reader.GetGuid(1), reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        }
        await transaction.CommitAsync(ct);
        return claim;
    }

    private Task<QueueClaim?> ClaimOnSqliteAsync(string kind, CancellationToken ct) => WithContextAsync(async db =>
    {
        var rows = db.Set<QueuedWork>();
        var next = await rows
            .Where(w => w.Kind == kind && (w.ClaimedBy == null || w.LeaseUntil == null))
            .Where(w => !rows.Any(o => o.Kind == kind && o.LockKey == w.LockKey && o.Id != w.Id && o.ClaimedBy != null && o.LeaseUntil != null))
            .OrderBy(w => w.QueuedAt).FirstOrDefaultAsync(ct);
        if (next is null)
            return null;
        var previous = next.ClaimedBy;
        (next.ClaimedBy, next.LeaseUntil) = (instance.Id, clock.GetUtcNow().UtcDateTime.AddSeconds(options.Value.LeaseSeconds));
        await db.SaveChangesAsync(ct);
        return new QueueClaim(next.Id, kind, next.SubjectId, next.LockKey, previous);
    }, ct);

    /// <summary>Runs <paramref name="work"/> on a new context; on SQLite one at a time in this process.</summary>
    private async Task<T> WithContextAsync<T>(Func<AppDbContext, Task<T>> work, CancellationToken ct)
    {
        var gated = !IsPostgres;
        if (gated)
            await _sqliteGate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await work(db);
        }
        finally
        {
            if (gated)
                _sqliteGate.Release();
        }
    }

    private async Task<int> ExecutePostgresAsync(string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
