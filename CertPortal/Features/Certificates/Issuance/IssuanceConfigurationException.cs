namespace CertPortal.Features.Certificates.Issuance;

/// <summary>
/// An order that cannot succeed until a person changes the certificate or its account (e.g. a profile the CA does not
/// offer). The run fails at once and the certificate is not tried again by itself. The message is for a technician.
/// </summary>
public sealed class IssuanceConfigurationException(string message) : Exception(message);
