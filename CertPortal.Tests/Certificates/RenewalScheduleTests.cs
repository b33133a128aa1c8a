using CertPortal.Features.Certificates.Issuance;

namespace CertPortal.Tests.Certificates;

/// <summary>
/// The renewal moment without ARI: a third of the lifetime left (half of it for a short-lived certificate), moved
/// earlier by a little jitter.
/// </summary>
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
    public void A_6_day_certificate_renews_at_half_its_lifetime_and_a_90_day_one_with_a_third_left()
    {
        var notBefore = new DateTime(2029, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var random = new Random(11);
        var shortLived = Enumerable.Range(0, 200).Select(_ => notBefore.AddDays(6) - RenewalSchedule.WithoutAri(notBefore, notBefore.AddDays(6), random)).ToList();
        Assert.All(shortLived, left => Assert.InRange(left.TotalDays, 3, 3 + 6 / 30.0));
        Assert.Equal(TimeSpan.FromDays(3), RenewalSchedule.Cadence(TimeSpan.FromDays(6)));

        var long90 = Enumerable.Range(0, 200).Select(_ => notBefore.AddDays(90) - RenewalSchedule.WithoutAri(notBefore, notBefore.AddDays(90), random)).ToList();
        Assert.All(long90, left => Assert.InRange(left.TotalDays, 30, 30 + 3));
        Assert.Equal(TimeSpan.FromDays(60), RenewalSchedule.Cadence(TimeSpan.FromDays(90)));
        // Ten days is no longer short-lived: a third left, as before.
        Assert.Equal(TimeSpan.FromDays(10) / 3, RenewalSchedule.LeftAtRenewal(TimeSpan.FromDays(10)));
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
