using Npgsql;

namespace CertPortal.Data.Progress;

/// <summary>
/// Sends what <see cref="ProgressRelay"/> collected as NOTIFYs, one round trip per batch. Fire-and-forget: a database
/// that does not answer costs the other instances' pages their live updates (they still load fresh), never a run.
/// </summary>
internal sealed class ProgressSender(ProgressRelay relay, IServiceProvider services, ILogger<ProgressSender> logger) : BackgroundService
{
    /// <summary>How long a batch waits for more: a run logs its steps in bursts, and a few ms are not seen on a page.</summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!relay.Enabled)
            return;
        var connectionString = DataModule.PostgresConnectionString(services);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<ProgressNotification> batch;
            try
            {
                batch = await relay.TakeAsync(Gather, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (batch.Count == 0)
                continue;
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, payload) FROM unnest(@payloads) AS payload", connection);
                notify.Parameters.AddWithValue("channel", ProgressRelay.Channel);
                notify.Parameters.AddWithValue("payloads", batch.Select(n => n.ToPayload()).ToArray());
                await notify.ExecuteNonQueryAsync(stoppingToken);
                if (failing)
                    logger.LogInformation("Live progress reaches the other instances again");
                failing = false;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Any failure, not only the database's: an exception leaving a hosted service would stop the portal.
                // Once per outage, not per batch.
                if (!failing)
                    logger.LogWarning("Live progress could not be sent to the other instances ({Count} notifications dropped): {Reason}", batch.Count, e.Message);
                failing = true;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
