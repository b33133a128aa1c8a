using System.Collections.Concurrent;
using CertPortal.Data.Progress;
using CertPortal.Features.Certificates.Issuance;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Tests.Infrastructure;
using Npgsql;

namespace CertPortal.Tests.Data;

/// <summary>
/// Two portals on one real PostgreSQL database: progress raised on one is raised on the other through LISTEN/NOTIFY,
/// once, and not again on itself; a listening connection the server kills is made again.
/// </summary>
public sealed class ProgressRelayTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Progress_notified_on_one_instance_is_raised_once_on_the_other_and_once_on_itself()
    {
        using var instances = await ListeningInstancesAsync();
        var (first, second) = (instances.First, instances.Second);
        var onFirst = Record(first.Service<IssuanceProgress>());
        var onSecond = Record(second.Service<IssuanceProgress>());
        var deploymentsOnSecond = Record(second.Service<DeploymentProgress>());
        var certificateId = Guid.NewGuid();

        // Several steps in a burst: the other instance hears of the certificate, at least once and far fewer times.
        for (var step = 0; step < 5; step++)
            first.Service<IssuanceProgress>().Notify(certificateId);
        await WaitUntilAsync(() => onSecond.Contains(certificateId), "the second instance heard of the certificate");
        // Time for a notification that should not come (an echo, a loop between the two) to arrive.
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(Enumerable.Repeat(certificateId, 5), onFirst);
        Assert.InRange(onSecond.Count, 1, 2);
        Assert.All(onSecond, id => Assert.Equal(certificateId, id));
        Assert.Empty(deploymentsOnSecond);

        // And back: the second instance's progress reaches the first, which raises it once.
        var deploymentsOnFirst = Record(first.Service<DeploymentProgress>());
        var deploymentId = Guid.NewGuid();
        second.Service<DeploymentProgress>().Notify(deploymentId);
        await WaitUntilAsync(() => deploymentsOnFirst.Contains(deploymentId), "the first instance heard of the deployment");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal([deploymentId], deploymentsOnFirst);
        Assert.Equal([deploymentId], deploymentsOnSecond);
        Assert.Equal(5, onFirst.Count);
    }

    [Fact]
    public async Task After_the_server_kills_its_listening_connection_an_instance_listens_again_and_still_relays()
    {
        using var instances = await ListeningInstancesAsync();
        var (first, second) = (instances.First, instances.Second);
        var before = await ListenersAsync(instances.ConnectionString);
        Assert.Equal(2, before.Count);

        // As when the database restarts: the server ends both listening sessions.
        await using (var connection = new NpgsqlConnection(instances.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var pid in before)
            {
                await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection);
                kill.Parameters.AddWithValue("pid", pid);
                Assert.Equal(true, await kill.ExecuteScalarAsync());
            }
        }
        await WaitUntilAsync(async () => await ListenersAsync(instances.ConnectionString) is { Count: 2 } now && !now.Overlaps(before),
            "both instances listen again, on new sessions");
        await Task.WhenAll(WaitUntilListeningAsync(first), WaitUntilListeningAsync(second));

        var onSecond = Record(second.Service<IssuanceProgress>());
        var certificateId = Guid.NewGuid();
        first.Service<IssuanceProgress>().Notify(certificateId);
        await WaitUntilAsync(() => onSecond.Contains(certificateId), "the second instance heard of the certificate after the reconnect");

        // Said once each way, and without the connection string.
        var said = PortalLogFiles.Lines(second.DataPath).Where(l => l.Contains(typeof(ProgressListener).FullName!, StringComparison.Ordinal)).ToList();
        Assert.Single(said, l => l.Contains("[WRN]", StringComparison.Ordinal) && l.Contains("Lost the connection", StringComparison.Ordinal));
        Assert.Single(said, l => l.Contains("[INF]", StringComparison.Ordinal) && l.Contains("live progress again", StringComparison.Ordinal));
        Assert.DoesNotContain(said, l => l.Contains("Host=", StringComparison.OrdinalIgnoreCase) || l.Contains("Username=", StringComparison.OrdinalIgnoreCase));
    }

    private static ConcurrentQueue<Guid> Record(CertPortal.Common.SubjectProgress progress)
    {
        var raised = new ConcurrentQueue<Guid>();
        progress.Changed += raised.Enqueue;
        return raised;
    }

    private static async Task<PortalInstances> ListeningInstancesAsync()
    {
        var instances = await PortalInstances.CreateAsync();
        try
        {
            await Task.WhenAll(WaitUntilListeningAsync(instances.First), WaitUntilListeningAsync(instances.Second));
            return instances;
        }
        catch
        {
            instances.Dispose();
            throw;
        }
    }

    private static Task WaitUntilListeningAsync(PortalFactory portal) =>
        WaitUntilAsync(() => portal.Service<ProgressRelay>().Listening, "the instance listens");

    /// <summary>The server's sessions that listen for progress on this database.</summary>
    private static async Task<HashSet<int>> ListenersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            $"SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = '{ProgressListener.ApplicationName}'", connection);
        var pids = new HashSet<int>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            pids.Add(reader.GetInt32(0));
        return pids;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var deadline = DateTime.UtcNow + Patience; DateTime.UtcNow < deadline; await Task.Delay(50))
            if (await condition())
                return;
        throw new TimeoutException($"Not within {Patience.TotalSeconds} s: {what}.");
    }
}
