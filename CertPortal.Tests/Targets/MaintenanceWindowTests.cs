using CertPortal.Features.Targets;

namespace CertPortal.Tests.Targets;

/// <summary>Maintenance windows as technicians write them, in the target's own time zone, including ranges past midnight.</summary>
public sealed class MaintenanceWindowTests
{
    [Theory]
    [InlineData("Mon-Fri 22:00-05:00 Europe/Berlin", "2026-11-23T21:30:00Z", true)]   // Monday 22:30 Berlin
    [InlineData("Mon-Fri 22:00-05:00 Europe/Berlin", "2026-11-24T03:00:00Z", true)]   // Tuesday 04:00 Berlin, Monday's night
    [InlineData("Mon-Fri 22:00-05:00 Europe/Berlin", "2026-11-23T12:00:00Z", false)]  // Monday 13:00 Berlin
    [InlineData("Mon-Fri 22:00-05:00 Europe/Berlin", "2026-11-29T03:00:00Z", false)]  // Sunday 04:00 Berlin, after Saturday
    [InlineData("Sat,Sun 00:00-23:59 UTC", "2026-11-28T10:00:00Z", true)]
    [InlineData("Sat,Sun 00:00-23:59 UTC", "2026-11-27T10:00:00Z", false)]
    public void A_time_is_inside_or_outside_the_window_in_the_targets_zone(string text, string utc, bool open)
    {
        Assert.True(MaintenanceWindow.TryParse(text, out var window, out var error), error);
        Assert.Equal(open, window!.IsOpen(DateTimeOffset.Parse(utc)));
    }

    [Theory]
    [InlineData("Mon-Fri 22:00-05:00 Europe/Berlin", "2026-11-23T12:00:00Z", "2026-11-23T21:00:00Z")]  // Monday noon → Monday 22:00 Berlin
    [InlineData("Mon-Fri 22:00-05:00 Europe/Berlin", "2026-11-24T03:00:00Z", "2026-11-24T03:00:00Z")]  // already open
    [InlineData("Mon-Fri 22:00-05:00 Europe/Berlin", "2026-11-28T12:00:00Z", "2026-11-30T21:00:00Z")]  // Saturday → Monday night
    [InlineData("Sat,Sun 02:00-04:00 UTC", "2026-11-25T10:00:00Z", "2026-11-28T02:00:00Z")]
    [InlineData("Sun 02:30-04:00 Europe/Berlin", "2027-03-27T12:00:00Z", "2027-03-28T01:00:00Z")]     // 02:30 skipped by summer time: opens at 03:00 CEST
    public void A_closed_window_next_opens_at_the_start_of_its_range_on_a_listed_day(string text, string utc, string opens)
    {
        Assert.True(MaintenanceWindow.TryParse(text, out var window, out var error), error);
        Assert.Equal(DateTimeOffset.Parse(opens), window!.NextOpening(DateTimeOffset.Parse(utc)));
    }

    [Theory]
    [InlineData("whenever", "days, time range and time zone")]
    [InlineData("Mon-Frx 22:00-05:00 UTC", "not a day list")]
    [InlineData("Mon 22-05 UTC", "not a time range")]
    [InlineData("Mon 22:00-05:00 Mars/Olympus", "not a time zone")]
    public void A_window_that_cannot_be_read_is_refused_with_what_is_wrong(string text, string message)
    {
        Assert.False(MaintenanceWindow.TryParse(text, out _, out var error));
        Assert.Contains(message, error);
    }
}
