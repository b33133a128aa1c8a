namespace CertPortal.Features.Users.Sessions;

/// <summary>When the person behind this Blazor circuit last did something in it (a click, a key, a navigation).</summary>
public sealed class CircuitActivity(TimeProvider clock)
{
    private long _lastTicks = clock.GetUtcNow().UtcTicks;
    private long _lastPingTicks;

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastTicks), TimeSpan.Zero);

    public TimeSpan IdleFor => clock.GetUtcNow() - LastActivity;

    public void Touch() => Interlocked.Exchange(ref _lastTicks, clock.GetUtcNow().UtcTicks);

    /// <summary>True at most once a minute: time to let the browser renew its sign-in cookie, which a circuit alone never does.</summary>
    public bool ShouldRenewCookie()
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastPingTicks);
        return now - last >= TimeSpan.TicksPerMinute && Interlocked.CompareExchange(ref _lastPingTicks, now, last) == last;
    }
}
