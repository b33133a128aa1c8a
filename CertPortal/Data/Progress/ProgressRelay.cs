using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace CertPortal.Data.Progress;

/// <summary>
/// The outgoing half of the relay between instances: collects which subjects moved on, for <see cref="ProgressSender"/>
/// to NOTIFY in batches. <see cref="Send"/> only records the subject, so a run never waits on, or fails with, the
/// database because of it. On SQLite (one instance) it does nothing.
/// </summary>
public sealed class ProgressRelay(IOptions<DatabaseOptions> database)
{
    /// <summary>The PostgreSQL channel every instance listens on.</summary>
    public const string Channel = "certportal_progress";

    private readonly ConcurrentDictionary<(string Kind, Guid SubjectId), byte> _pending = new();
    private readonly Channel<bool> _wake = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public bool Enabled { get; } = database.Value.IsPostgres;

    /// <summary>This process among the instances, so each ignores its own notifications when they come back.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>Whether <see cref="ProgressListener"/> is connected and listening, for the health endpoint.</summary>
    public bool Listening
    {
        get => Volatile.Read(ref _listening);
        internal set => Volatile.Write(ref _listening, value);
    }

    private bool _listening;

    public void Send(string kind, Guid subjectId)
    {
        // A subject already waiting is not added again: the pages load it whole, so one notification covers many steps.
        if (Enabled && _pending.TryAdd((kind, subjectId), 0))
            _wake.Writer.TryWrite(true);
    }

    /// <summary>Waits for something to send, gathers what else comes within <paramref name="gather"/>, and takes it all.</summary>
    internal async Task<IReadOnlyList<ProgressNotification>> TakeAsync(TimeSpan gather, CancellationToken ct)
    {
        await _wake.Reader.ReadAsync(ct);
        await Task.Delay(gather, ct);
        var batch = new List<ProgressNotification>();
        foreach (var key in _pending.Keys)
            if (_pending.TryRemove(key, out _))
                batch.Add(new ProgressNotification(key.Kind, key.SubjectId, InstanceId));
        return batch;
    }
}
