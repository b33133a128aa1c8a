namespace CertPortal.Features.Deployments;

/// <summary>The dashboard's deployment counts: bindings whose newest run failed, was rolled back or waits for a technician, and those not on the current version.</summary>
public sealed record DeploymentFigures(int Bindings, int Failed, int RolledBack, int Outdated, int AwaitingPerson)
{
    public static DeploymentFigures From(DeploymentSummary total) =>
        new(total.Bindings, total.Failed, total.RolledBack, total.Outdated, total.AwaitingPerson);
}
