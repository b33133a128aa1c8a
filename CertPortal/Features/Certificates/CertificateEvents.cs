namespace CertPortal.Features.Certificates;

/// <summary>
/// Hands <see cref="CertificateIssued"/> and <see cref="CertificateIssuanceFailed"/> to every registered listener. A
/// failing listener is logged and does not undo the issuance, fail the run or stop the others.
/// </summary>
public sealed class CertificateEvents(IServiceScopeFactory scopes, ILogger<CertificateEvents> logger)
{
    public Task PublishAsync(CertificateIssued issued, CancellationToken ct) =>
        EachAsync<ICertificateIssuedListener>(l => l.OnIssuedAsync(issued, ct), issued.CertificateId, ct);

    public Task PublishAsync(CertificateIssuanceFailed failed, CancellationToken ct) =>
        EachAsync<ICertificateIssuanceFailedListener>(l => l.OnFailedAsync(failed, ct), failed.CertificateId, ct);

    private async Task EachAsync<TListener>(Func<TListener, Task> handle, Guid certificateId, CancellationToken ct) where TListener : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var listener in scope.ServiceProvider.GetServices<TListener>())
        {
            try
            {
                await handle(listener);
            }
            // A listener's own timeout is its failure; only the caller's cancellation stops the others.
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogError(e, "Listener {Listener} failed on certificate {CertificateId}", listener.GetType().Name, certificateId);
            }
        }
    }
}
