namespace CertPortal.Features.Certificates;

/// <summary>
/// Hands <see cref="CertificateIssued"/> to every registered listener. A failing listener is logged and does not
/// undo the issuance or stop the others: the certificate is stored either way.
/// </summary>
public sealed class CertificateEvents(IServiceScopeFactory scopes, ILogger<CertificateEvents> logger)
{
    public async Task PublishAsync(CertificateIssued issued, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var listener in scope.ServiceProvider.GetServices<ICertificateIssuedListener>())
        {
            try
            {
                await listener.OnIssuedAsync(issued, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Listener {Listener} failed on certificate {CertificateId} version {Version}",
                    listener.GetType().Name, issued.CertificateId, issued.Version);
            }
        }
    }
}
