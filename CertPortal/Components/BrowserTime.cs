namespace CertPortal.Components;

/// <summary>
/// The browser's time zone (from the <c>cp-tz</c> cookie that app.js sets, or asked over JS interop), so times
/// stored in UTC are shown in local time. Until it is known, times show in UTC and say so.
/// </summary>
public sealed class BrowserTime
{
    public const string CookieName = "cp-tz";

    public TimeZoneInfo? Zone { get; private set; }

    public event Action? Changed;

    public bool TrySetZone(string? ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId) || Zone?.Id == ianaId)
            return false;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(Uri.UnescapeDataString(ianaId), out var zone))
            return false;
        Zone = zone;
        Changed?.Invoke();
        return true;
    }

    public string Format(DateTime utc, string format = "yyyy-MM-dd HH:mm")
    {
        utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return Zone is null ? utc.ToString(format) + " UTC" : TimeZoneInfo.ConvertTimeFromUtc(utc, Zone).ToString(format);
    }

    /// <summary>A local wall-clock time (e.g. a date filter's midnight) in UTC.</summary>
    public DateTime ToUtc(DateTime local) =>
        Zone is null ? DateTime.SpecifyKind(local, DateTimeKind.Utc) : TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);
}
