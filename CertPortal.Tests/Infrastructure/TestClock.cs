namespace CertPortal.Tests.Infrastructure;

/// <summary>
/// A clock the test moves by hand. It starts on a whole second: PostgreSQL keeps times to the microsecond, so a time
/// the test compares with what was stored must not carry finer ticks.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public TestClock() : this(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()))
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
