namespace CertPortal.Features.Targets.Connectors;

/// <summary>Where the deployed certificate should be served: the TLS endpoint the verification handshake connects to.</summary>
public sealed record VerificationEndpoint(string Host, int Port, string? Sni);
