using CertPortal.Data.Progress;

namespace CertPortal.Common;

/// <summary>
/// Tells open pages that something about a subject (e.g. a certificate) moved on, so they load it again. The event is
/// raised on this instance; on PostgreSQL the <see cref="ProgressRelay"/> also carries it to the other instances
/// (README.md, "Several instances").
/// </summary>
public abstract class SubjectProgress(string kind, ProgressRelay relay)
{
    public event Action<Guid>? Changed;

    /// <summary>What the relay calls this progress between instances; unique among them.</summary>
    public string Kind { get; } = ProgressNotification.CheckedKind(kind);

    public void Notify(Guid subjectId)
    {
        // Relayed first: a page's handler that throws must not keep the other instances from hearing of it.
        relay.Send(Kind, subjectId);
        Raise(subjectId);
    }

    /// <summary>Raises the event here only: for what another instance did and has already told everyone about.</summary>
    public void Raise(Guid subjectId) => Changed?.Invoke(subjectId);
}
