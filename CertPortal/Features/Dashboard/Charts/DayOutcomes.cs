namespace CertPortal.Features.Dashboard.Charts;

/// <summary>How many runs of one kind ended well and how many failed on one UTC day (a chart's bar).</summary>
public sealed record DayOutcomes(DateTime Day, int Succeeded, int Failed);
