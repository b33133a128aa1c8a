using CertPortal.Features.Certificates.Issuance;

namespace CertPortal.Tests.Certificates;

/// <summary>The renewal moment without ARI: a third of the lifetime left, moved earlier by a little jitter.</summary>
public sealed class RenewalScheduleTests
{
    [Fact]
    public void A_47_day_certificate_renews_at_about_16_days_left()
    {
        var notBefore = new DateTime(2029, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var notAfter = notBefore.AddDays(47);
        var random = new Random(7);
        var moments = Enumerable.Range(0, 500).Select(_ => notAfter - RenewalSchedule.WithoutAri(notBefore, notAfter, random)).ToList();
        Assert.All(moments, left => Assert.InRange(left.TotalDays, 47 / 3.0, 47 / 3.0 + 47 / 30.0));
        // Spread: certificates issued together do not all renew in the same hour.
        Assert.True(moments.Max() - moments.Min() > TimeSpan.FromHours(24));
    }

    [Fact]
    public void Backoff_doubles_from_five_minutes_and_stops_at_twelve_hours()
    {
        var random = new Random(3);
        Assert.InRange(RenewalSchedule.Backoff(1, random).TotalMinutes, 4.5, 5.5);
        Assert.InRange(RenewalSchedule.Backoff(3, random).TotalMinutes, 18, 22);
        Assert.InRange(RenewalSchedule.Backoff(30, random).TotalHours, 10.8, 13.2);
    }
}
