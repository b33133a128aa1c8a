using System.Collections.Concurrent;

namespace CertPortal.Features.DnsProviders.Manual;

/// <summary>
/// The records a <c>manual</c> provider is waiting on. Held in memory: a restart interrupts the order that asked,
/// and its new run asks again, so nothing here needs to outlive the process.
/// </summary>
public sealed class ManualDnsRequests
{
    private readonly ConcurrentDictionary<Guid, (ManualDnsRequest Request, TaskCompletionSource Done)> _pending = new();

    public event Action? Changed;

    public IReadOnlyList<ManualDnsRequest> Pending(Guid? ownerId = null) =>
        _pending.Values.Select(p => p.Request).Where(r => ownerId is null || r.OwnerId == ownerId).OrderBy(r => r.RequestedAt).ToList();

    /// <param name="ownerId">Who asks (the certificate an order is for), so its page can show the record.</param>
    public (ManualDnsRequest Request, Task Done) Add(Guid providerId, Guid? ownerId, string recordName, string value, DateTime now)
    {
        var request = new ManualDnsRequest(Guid.NewGuid(), providerId, ownerId, recordName, value, now);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[request.Id] = (request, done);
        Changed?.Invoke();
        return (request, done.Task);
    }

    /// <summary>The technician says the record exists; false when nothing waits under that id.</summary>
    public bool Confirm(Guid id)
    {
        if (!_pending.TryRemove(id, out var entry))
            return false;
        entry.Done.TrySetResult();
        Changed?.Invoke();
        return true;
    }

    public void Forget(Guid id)
    {
        if (_pending.TryRemove(id, out _))
            Changed?.Invoke();
    }
}
