namespace CertPortal.Features.Deployments.Runs;

/// <summary>Tells open pages that a run of a certificate's binding moved on, so its steps update live.</summary>
public sealed class DeploymentProgress
{
    public event Action<Guid>? Changed;

    public void Notify(Guid certificateId) => Changed?.Invoke(certificateId);
}
