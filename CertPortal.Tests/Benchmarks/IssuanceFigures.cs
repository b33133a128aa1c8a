using System.Text;

namespace CertPortal.Tests.Benchmarks;

/// <summary>What the issuance benchmark measured, and the table the issue asks for.</summary>
internal sealed record IssuanceFigures(
    int Count,
    int MaxParallel,
    TimeSpan PortalOne,
    TimeSpan LegoOne,
    TimeSpan PortalIssueAll,
    TimeSpan PortalRenewAll,
    IReadOnlyList<TimeSpan> LegoRuns,
    int PortalFailures,
    int LegoFailures,
    IReadOnlyList<string> OneCertificateSteps,
    IReadOnlyList<TimeSpan> RenewalRunDurations)
{
    public string ToTable()
    {
        var runs = RenewalRunDurations.Order().ToList();
        var legoRuns = LegoRuns.Order().ToList();
        var text = new StringBuilder()
            .AppendLine("# CertPortal vs lego: DNS-01 issuance against the same Pebble + BIND")
            .AppendLine($"- machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
            .AppendLine($"- portal: the binary as its own process, CertPortal__Certificates__MaxParallelIssuances={MaxParallel}; timed from the API request until the API shows valid")
            .AppendLine($"- lego: {LegoClient.Settings}; one `lego run` process per certificate, timed from start to exit")
            .AppendLine()
            .AppendLine("| measurement | CertPortal | lego | ratio | goal |")
            .AppendLine("| --- | ---: | ---: | ---: | --- |")
            .AppendLine($"| one certificate, request → valid | {Seconds(PortalOne)} | {Seconds(LegoOne)} | {Ratio(PortalOne, LegoOne)} | ≤ 0.50 {Verdict(PortalOne, LegoOne, 0.5)} |")
            .AppendLine($"| {Count} renewals (portal: at once; lego: one after another) | {Seconds(PortalRenewAll)} | {Seconds(LegoOneAfterAnother)} | {Ratio(PortalRenewAll, LegoOneAfterAnother)} | ≤ 0.10 {Verdict(PortalRenewAll, LegoOneAfterAnother, 0.1)} |")
            .AppendLine($"| failures | {PortalFailures} | {LegoFailures} | | 0 {(PortalFailures == 0 ? "met" : "MISSED")} |")
            .AppendLine()
            .AppendLine($"- portal, first issuance of the {Count} at once (not a goal): {Seconds(PortalIssueAll)}")
            .AppendLine($"- portal, each renewal's run (start → stored): median {Seconds(runs[runs.Count / 2])}, slowest {Seconds(runs[^1])}")
            .AppendLine($"- lego, each of the {Count} runs: fastest {Seconds(legoRuns[0])}, median {Seconds(legoRuns[legoRuns.Count / 2])}, slowest {Seconds(legoRuns[^1])}")
            .AppendLine("- portal, the one certificate's steps (from the start of its run):");
        foreach (var step in OneCertificateSteps)
            text.AppendLine($"  - {step}");
        return text.ToString();
    }

    private TimeSpan LegoOneAfterAnother => LegoRuns.Aggregate(TimeSpan.Zero, (sum, run) => sum + run);

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds:F2} s";

    private static string Ratio(TimeSpan ours, TimeSpan theirs) => $"{ours / theirs:F3}";

    private static string Verdict(TimeSpan ours, TimeSpan theirs, double goal) => ours / theirs <= goal ? "met" : "MISSED";
}
