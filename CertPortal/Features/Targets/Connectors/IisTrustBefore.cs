namespace CertPortal.Features.Targets.Connectors;

/// <summary>What an IIS trust push found before it changed anything: whether the CA was in its store already, and the CRL the portal had put there last.</summary>
internal sealed record IisTrustBefore(bool CaWasThere, byte[]? KeptCrl);
