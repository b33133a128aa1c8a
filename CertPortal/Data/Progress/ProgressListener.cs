using Npgsql;

namespace CertPortal.Data.Progress;

/// <summary>
/// The incoming half of the relay: LISTENs on a connection of its own and raises, on this instance, the progress other
/// instances sent. Its own notifications are ignored (it raised them already) and nothing is sent on, so nothing
/// loops. When the connection drops (e.g. the database restarts) it connects again, and says so once.
/// </summary>
internal sealed class ProgressListener(ProgressRelay relay, IEnumerable<Common.SubjectProgress> progresses, IServiceProvider services,
    ILogger<ProgressListener> logger) : BackgroundService
{
    /// <summary>What pg_stat_activity shows for the listening connection.</summary>
    public const string ApplicationName = "certportal-progress-relay";

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!relay.Enabled)
            return;
        var byKind = progresses.ToDictionary(p => p.Kind);
        var connectionString = new NpgsqlConnectionStringBuilder(DataModule.PostgresConnectionString(services))
        {
            // Its own connection: LISTEN belongs to a session, which a pooled connection would lose when returned.
            Pooling = false,
            // A database that vanishes without closing the socket is noticed within this many seconds.
            KeepAlive = 10,
            ApplicationName = ApplicationName,
        }.ConnectionString;
        logger.LogInformation("Relaying live progress ({Kinds}) between instances on PostgreSQL channel {Channel} as instance {InstanceId}",
            string.Join(", ", byKind.Keys), ProgressRelay.Channel, relay.InstanceId);
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) => Raise(byKind, e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {ProgressRelay.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                relay.Listening = true;
                if (lost)
                    logger.LogInformation("Listening for other instances' live progress again");
                lost = false;
                while (true)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Any failure: an exception leaving a hosted service would stop the portal, and listening is worth retrying.
                relay.Listening = false;
                // Once per outage; the message names the host at most, never the password.
                if (!lost)
                    logger.LogWarning("Lost the connection that listens for other instances' live progress; connecting again: {Reason}", e.Message);
                lost = true;
            }
            try
            {
                await Task.Delay(RetryDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Raise(Dictionary<string, Common.SubjectProgress> byKind, string payload)
    {
        if (ProgressNotification.Parse(payload) is not { } notification || notification.Origin == relay.InstanceId)
            return;
        if (!byKind.TryGetValue(notification.Kind, out var progress))
            return;
        try
        {
            progress.Raise(notification.SubjectId);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // A page that went away while it was told: the others still are, and the connection stays.
            logger.LogDebug("A page could not take live progress: {Reason}", e.Message);
        }
    }
}
