using CertPortal.Common;

namespace CertPortal.Features.Deployments.Pages;

/// <summary>The deployment list's columns as its CSV export writes them.</summary>
public static class DeploymentListCsv
{
    public static IReadOnlyList<CsvColumn<DeploymentView>> Columns(IReadOnlyDictionary<Guid, string> customerNames) =>
    [
        new("Certificate", d => d.CertificateName),
        new("Target", d => d.TargetName),
        new("Target type", d => d.TargetType),
        new("Customer", d => customerNames.GetValueOrDefault(d.CustomerId, "")),
        new("Last run", d => d.LastRun?.Status ?? "never"),
        new("Last run at", d => d.LastRun is { } run ? run.FinishedAt ?? run.QueuedAt : null),
        new("Last run version", d => d.LastRun?.CertificateVersion),
        new("Serves current", d => d.Outdated ? d.VerifiedVersion is { } v ? $"no (v{v})" : "no" : "yes"),
    ];
}
