namespace CertPortal.Features.Endpoints.Watching;

/// <summary>How an endpoint came to be watched.</summary>
public static class EndpointOrigins
{
    public const string Scan = "scan";
    public const string Manual = "manual";
    public const string Binding = "binding";
}
