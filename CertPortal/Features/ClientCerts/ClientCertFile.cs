namespace CertPortal.Features.ClientCerts;

/// <summary>A file to hand to a browser or API client.</summary>
public sealed record ClientCertFile(string FileName, string ContentType, byte[] Content);
