namespace CertPortal.Features.Deployments;

/// <summary>
/// Why a binding needs a look, as the list filter (<c>/deployments?attention=true&amp;status=</c>) and the dashboard's
/// counts name it: its newest run failed, was rolled back or waits for a technician, or its target does not serve
/// the certificate's current version.
/// </summary>
public static class DeploymentNeeds
{
    public const string Failed = "failed";
    public const string RolledBack = "rolled-back";
    public const string Outdated = "outdated";
    public const string Waiting = "waiting";

    public static readonly IReadOnlyList<string> All = [Failed, RolledBack, Outdated, Waiting];

    /// <summary>The known need, or null (any need) for an empty or unknown value.</summary>
    public static string? Parse(string? value) => All.FirstOrDefault(n => string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase));
}
