namespace CertPortal.Features.Dashboard.Charts;

/// <summary>How many of something fall on one UTC day (a chart's point).</summary>
public sealed record DayCount(DateTime Day, int Count);
