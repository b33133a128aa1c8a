namespace CertPortal.Data.WorkQueue;

/// <summary>Wakes an idle dispatcher at once when this instance queues or finishes work, instead of at its next poll.</summary>
public sealed class QueueDoorbell
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next ring; taken before looking for work, so a ring in between is not missed.</summary>
    public Task Next
    {
        get
        {
            lock (_gate)
                return _next.Task;
        }
    }

    public void Ring()
    {
        TaskCompletionSource rung;
        lock (_gate)
            (rung, _next) = (_next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        rung.SetResult();
    }
}
