namespace CertPortal.Features.ClientCerts.Batch;

/// <summary>One row of the password sheet: which PFX file in the ZIP opens with which password.</summary>
public sealed record BatchPassword(int Line, Guid Id, string CommonName, string FileName, string Password);
