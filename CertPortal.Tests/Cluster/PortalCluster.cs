using System.Net.Http.Headers;
using CertPortal.Data;
using CertPortal.Tests.Infrastructure;
using Npgsql;

namespace CertPortal.Tests.Cluster;

/// <summary>
/// Several real portal processes on one PostgreSQL database, as behind a load balancer: the same master key, each its
/// own data folder, a short queue lease so a killed instance's work is taken up within seconds. Always PostgreSQL,
/// whatever the test lane.
/// </summary>
public sealed class PortalCluster : IDisposable
{
    public const int LeaseSeconds = 4;

    private readonly List<TempFolder> _folders;

    private PortalCluster(string connectionString, List<TempFolder> folders, List<PortalProcess> portals) =>
        (ConnectionString, _folders, Portals) = (connectionString, folders, portals);

    public string ConnectionString { get; }

    public IReadOnlyList<PortalProcess> Portals { get; }

    public static async Task<PortalCluster> StartAsync(string adminEmail, int instances = 2)
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var environment = new Dictionary<string, string>
        {
            ["CertPortal__Database__Provider"] = TestDatabase.Postgres,
            ["ConnectionStrings__Default"] = connectionString,
            ["CERTPORTAL_MASTER_KEY"] = MasterKey.Generate().ToBase64(),
            ["CertPortal__Queue__LeaseSeconds"] = LeaseSeconds.ToString(),
            ["CertPortal__Queue__PollMilliseconds"] = "500",
        };
        var folders = Enumerable.Range(0, instances).Select(i => new TempFolder($"certportal-cluster-{i}")).ToList();
        var portals = new List<PortalProcess>();
        // One after another: the first migrates and makes the admin, the others find both done.
        foreach (var folder in folders)
            portals.Add(await PortalProcess.StartAsync(folder.Path, adminEmail, environment));
        return new PortalCluster(connectionString, folders, portals);
    }

    /// <summary>A client of <paramref name="portal"/> signed in as <paramref name="signedIn"/> is (tokens are rows, valid on every instance).</summary>
    public static HttpClient ClientOf(PortalProcess portal, HttpClient signedIn) =>
        new() { BaseAddress = new Uri(portal.BaseUrl), DefaultRequestHeaders = { Authorization = signedIn.DefaultRequestHeaders.Authorization } };

    /// <summary>
    /// The portal that holds a live claim on queued work of <paramref name="kind"/>, once one does and the claimed row
    /// meets <paramref name="condition"/> (SQL on the row <c>w</c>, e.g. that its run is under way).
    /// </summary>
    public async Task<PortalProcess> HolderOfAsync(string kind, string condition = "TRUE")
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            foreach (var holder in await HoldersAsync($"""w."Kind" = '{kind}' AND w."LeaseUntil" > clock_timestamp() AND ({condition})"""))
                if (Portals.FirstOrDefault(p => holder.EndsWith(":" + p.DataPath, StringComparison.Ordinal)) is { } portal)
                    return portal;
        }
        throw new TimeoutException($"No instance claimed {kind} work within 60 s.");
    }

    /// <summary>
    /// The rows of queued work left once none is (or after 10 s), as text: a run shows as finished a moment before its
    /// worker lets its row go.
    /// </summary>
    public async Task<List<string>> QueuedWorkLeftAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("""SELECT concat_ws(' ', "Kind", "SubjectId", "ClaimedBy", "LeaseUntil", "Again") FROM "QueuedWork" """, connection);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); ; await Task.Delay(100))
        {
            var left = new List<string>();
            await using (var reader = await query.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    left.Add(reader.GetString(0));
            if (left.Count == 0 || DateTime.UtcNow > deadline)
                return left;
        }
    }

    /// <summary>
    /// The instance that holds <paramref name="kind"/> work matching <paramref name="condition"/>, frozen (SIGSTOP) while
    /// it still does: a run found this way cannot finish between being found and what the test does to it next.
    /// </summary>
    public async Task<PortalProcess> FrozenHolderOfAsync(string kind, string condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline;)
        {
            var holder = await HolderOfAsync(kind, condition);
            holder.Pause();
            if ((await HoldersAsync($"""w."Kind" = '{kind}' AND ({condition})""")).Any(h => h.EndsWith(":" + holder.DataPath, StringComparison.Ordinal)))
                return holder;
            holder.Resume();
        }
        throw new TimeoutException($"No instance could be frozen holding {kind} work within 60 s.");
    }

    /// <summary>How many rows <paramref name="portal"/> has claimed, live or not: a dead instance's count drops as others take its rows.</summary>
    public async Task<int> ClaimsHeldByAsync(PortalProcess portal) =>
        (await HoldersAsync("TRUE")).Count(h => h.EndsWith(":" + portal.DataPath, StringComparison.Ordinal));

    private async Task<List<string>> HoldersAsync(string condition)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand($"""SELECT "ClaimedBy" FROM "QueuedWork" AS w WHERE "ClaimedBy" IS NOT NULL AND ({condition})""", connection);
        var holders = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            holders.Add(reader.GetString(0));
        return holders;
    }

    public void Dispose()
    {
        foreach (var portal in Portals)
            portal.Dispose();
        foreach (var folder in _folders)
            folder.Dispose();
    }
}
