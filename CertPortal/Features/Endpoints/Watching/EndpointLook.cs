namespace CertPortal.Features.Endpoints.Watching;

/// <summary>One look at an endpoint: what it served (<see cref="Review"/>), or why nothing could be read (<see cref="Error"/>).</summary>
public sealed record EndpointLook(ServedChainReview? Review, string? Error)
{
    public static EndpointLook Closed { get; } = new(null, "Nothing answers on this port.");
}
