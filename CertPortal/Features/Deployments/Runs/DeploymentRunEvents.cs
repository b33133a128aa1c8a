namespace CertPortal.Features.Deployments.Runs;

/// <summary>Hands <see cref="DeploymentRunFinished"/> to every listener; a failing listener is logged and never fails the run.</summary>
public sealed class DeploymentRunEvents(IServiceScopeFactory scopes, ILogger<DeploymentRunEvents> logger)
{
    public async Task PublishAsync(DeploymentRunFinished finished, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            foreach (var listener in scope.ServiceProvider.GetServices<IDeploymentRunListener>())
            {
                try
                {
                    await listener.OnFinishedAsync(finished, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    logger.LogError(e, "Listener {Listener} failed on deployment run {RunId}", listener.GetType().Name, finished.RunId);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A listener that cannot even be made (its own dependencies broken) must not fail the run either.
            logger.LogError(e, "The listeners of deployment run {RunId} could not be reached", finished.RunId);
        }
    }
}
