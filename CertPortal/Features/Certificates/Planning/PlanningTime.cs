namespace CertPortal.Features.Certificates.Planning;

/// <summary>UTC days and fixed order windows as numbers, so counts can be kept in dictionaries.</summary>
internal static class PlanningTime
{
    public static long Day(DateTime utc) => utc.Ticks / TimeSpan.TicksPerDay;

    public static DateTime DayStart(long day) => new(day * TimeSpan.TicksPerDay, DateTimeKind.Utc);

    public static long Window(DateTime utc, int hours) => utc.Ticks / (Math.Max(1, hours) * TimeSpan.TicksPerHour);

    public static DateTime WindowStart(long window, int hours) => new(window * Math.Max(1, hours) * TimeSpan.TicksPerHour, DateTimeKind.Utc);
}
