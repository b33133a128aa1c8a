using System.Globalization;

namespace CertPortal.Features.Targets;

/// <summary>
/// When a target may be changed: days of the week and a time range in the target's time zone, written like
/// "Mon-Fri 22:00-05:00 Europe/Berlin" or "Sat,Sun 00:00-23:59 UTC". A range past midnight belongs to the day it starts.
/// </summary>
public sealed record MaintenanceWindow(IReadOnlySet<DayOfWeek> Days, TimeOnly From, TimeOnly To, TimeZoneInfo Zone)
{
    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    public static bool TryParse(string? text, out MaintenanceWindow? window, out string? error)
    {
        (window, error) = (null, null);
        var parts = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (parts.Length != 3)
            return Fail("Write the window as days, time range and time zone, e.g. \"Mon-Fri 22:00-05:00 Europe/Berlin\".", out error);
        var days = ParseDays(parts[0]);
        if (days is null)
            return Fail($"'{parts[0]}' is not a day list (Mon-Fri, Sat,Sun, Mon).", out error);
        var times = parts[1].Split('-');
        if (times.Length != 2 || !TimeOnly.TryParseExact(times[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !TimeOnly.TryParseExact(times[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            return Fail($"'{parts[1]}' is not a time range like 22:00-05:00.", out error);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(parts[2], out var zone))
            return Fail($"'{parts[2]}' is not a time zone (use IANA names like Europe/Berlin or UTC).", out error);
        window = new MaintenanceWindow(days, from, to, zone);
        return true;
    }

    /// <summary>Whether <paramref name="utc"/> falls in the window.</summary>
    public bool IsOpen(DateTimeOffset utc)
    {
        var local = TimeZoneInfo.ConvertTime(utc, Zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (From <= To)
            return Days.Contains(local.DayOfWeek) && time >= From && time <= To;
        // Past midnight: the evening part on a listed day, or the morning part after a listed day.
        return Days.Contains(local.DayOfWeek) && time >= From || Days.Contains(local.AddDays(-1).DayOfWeek) && time <= To;
    }

    /// <summary>The first moment at or after <paramref name="utc"/> when the window is open (a run waiting for it starts then).</summary>
    public DateTimeOffset NextOpening(DateTimeOffset utc)
    {
        if (IsOpen(utc))
            return utc;
        // Closed: the next opening is the start of the range on a listed day (a range past midnight opens the evening before).
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, Zone).DateTime);
        for (var day = today.AddDays(-1); day <= today.AddDays(8); day = day.AddDays(1))
        {
            if (!Days.Contains(day.DayOfWeek))
                continue;
            var start = day.ToDateTime(From);
            while (Zone.IsInvalidTime(start))
                start = start.AddMinutes(15); // skipped by a daylight-saving change: opens when the clock jumps past it
            var opening = new DateTimeOffset(start, Zone.GetUtcOffset(start)).ToUniversalTime();
            if (opening > utc)
                return opening;
        }
        return utc;
    }

    private static HashSet<DayOfWeek>? ParseDays(string text)
    {
        var days = new HashSet<DayOfWeek>();
        foreach (var item in text.Split(','))
        {
            var range = item.Split('-');
            var start = Array.FindIndex(DayNames, d => d.Equals(range[0], StringComparison.OrdinalIgnoreCase));
            var end = range.Length == 2 ? Array.FindIndex(DayNames, d => d.Equals(range[1], StringComparison.OrdinalIgnoreCase)) : start;
            if (start < 0 || end < 0 || range.Length > 2)
                return null;
            for (var day = start; ; day = (day + 1) % 7)
            {
                days.Add((DayOfWeek)day);
                if (day == end)
                    break;
            }
        }
        return days;
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }
}
