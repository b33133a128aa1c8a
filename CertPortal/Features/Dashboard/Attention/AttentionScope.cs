using CertPortal.Security;

namespace CertPortal.Features.Dashboard.Attention;

/// <summary>
/// What a worklist is asked for: whose eyes (<see cref="Viewer"/>, the actor narrowed to the customer asked for),
/// at which moment, and what "expiring" means (the widest alert threshold). Critical means expired or ending within
/// <see cref="CriticalDays"/>. Sources read through <c>VisibleTo(scope.Viewer)</c>.
/// </summary>
public sealed record AttentionScope(Actor Viewer, DateTime Now, int ExpiringDays)
{
    public const int CriticalDays = 7;

    /// <summary>Objects ending on or before this are expiring.</summary>
    public DateTime ExpiringUntil => Now.AddDays(ExpiringDays);

    /// <summary>Objects ending on or before this are critical.</summary>
    public DateTime CriticalUntil => Now.AddDays(CriticalDays);

    /// <summary>
    /// The scope an actor may see for the customer asked for: null when a customer-scoped actor asks for another
    /// customer (that customer's items look exactly like none).
    /// </summary>
    public static AttentionScope? For(Actor actor, Guid? customerId, DateTime now, int expiringDays) =>
        actor.Narrowed(customerId) is { } viewer ? new AttentionScope(viewer, now, expiringDays) : null;

    public bool Includes(Guid customerId) => Viewer.CanSee(customerId);

    /// <summary>Severity of something that ends at <paramref name="notAfter"/>; <paramref name="scale"/> shrinks the critical days for a short lifetime.</summary>
    public string SeverityOf(DateTime notAfter, double scale = 1) =>
        notAfter <= Now.AddDays(CriticalDays * scale) ? AttentionKinds.Critical : AttentionKinds.Warning;

    /// <summary>"expired 3 days ago", "expires within a day", "expires in 12 days".</summary>
    public string Ends(DateTime notAfter)
    {
        if (notAfter <= Now)
            return (int)(Now - notAfter).TotalDays is var ago and > 0 ? $"expired {Days(ago)} ago" : "expired today";
        return (int)(notAfter - Now).TotalDays is var left and > 0 ? $"expires in {Days(left)}" : "expires within a day";
    }

    private static string Days(int n) => n == 1 ? "1 day" : $"{n} days";
}
