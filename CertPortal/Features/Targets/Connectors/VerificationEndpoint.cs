namespace CertPortal.Features.Targets.Connectors;

/// <summary>Where the deployed certificate should be served: the TLS endpoint the verification handshake connects to.</summary>
public sealed record VerificationEndpoint(string Host, int Port, string? Sni)
{
    /// <summary>The usual settings verifyHost, verifyPort (default 443) and verifySni (default the host); null without verifyHost.</summary>
    public static VerificationEndpoint? From(TargetSettings settings) =>
        settings.Optional("verifyHost") is { } host ? new VerificationEndpoint(host, settings.Port("verifyPort", 443), settings.Optional("verifySni") ?? host) : null;
}
