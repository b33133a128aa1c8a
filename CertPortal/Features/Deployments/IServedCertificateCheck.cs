namespace CertPortal.Features.Deployments;

/// <summary>
/// Looks, from time to time, at what the endpoints of verified bindings serve now, against the version verified
/// there: someone may have put another certificate in place since.
/// </summary>
public interface IServedCertificateCheck
{
    /// <summary>
    /// Checks the bindings due for a look (not looked at for a few hours, none of their runs under way), a bounded
    /// number per call; limited to <paramref name="customerId"/> when given. Endpoints that did not answer are left out.
    /// </summary>
    Task<IReadOnlyList<ServedCheck>> CheckDueAsync(Guid? customerId, CancellationToken ct);
}

/// <summary>One binding's look: what was verified there and what is served now.</summary>
public sealed record ServedCheck(
    Guid DeploymentId,
    Guid CustomerId,
    Guid CertificateId,
    Guid TargetId,
    string CommonName,
    string TargetName,
    string Endpoint,
    int VerifiedVersion,
    string Expected,
    string Served)
{
    public bool Matches => string.Equals(Expected, Served, StringComparison.OrdinalIgnoreCase);
}
