namespace CertPortal.Features.Deployments;

/// <summary>What endpoint watching reads of the bindings: where each one's certificate is served, and what was deployed there.</summary>
public interface IBindingEndpoints
{
    /// <summary>Every binding whose target names an endpoint to verify; bindings of targets that name none are left out.</summary>
    Task<IReadOnlyList<BindingEndpoint>> ListAsync(CancellationToken ct);
}

/// <summary>
/// A binding's verification endpoint; <see cref="DeployedThumbprintSha256"/> is the leaf verified there (null until a
/// run verified one).
/// </summary>
public sealed record BindingEndpoint(Guid DeploymentId, Guid CustomerId, Guid CertificateId, string Host, int Port, string? ServerName, string? DeployedThumbprintSha256);
