using CertPortal.Common;
using CertPortal.Security;

namespace CertPortal.Features.Certificates;

/// <summary>
/// What endpoint discovery adopts: a certificate seen on an endpoint, tracked from then on without its key (source
/// <c>observed</c>): it shows in lists, reports and expiry alerts, cannot be downloaded with a key or deployed.
/// </summary>
public interface IObservedCertificates
{
    /// <summary>Imports the served chain (leaf first, PEM) as a new certificate of the customer; returns its id.</summary>
    Task<Result<Guid>> ImportObservedAsync(Guid customerId, string servedChainPem, Actor actor, CancellationToken ct);
}
