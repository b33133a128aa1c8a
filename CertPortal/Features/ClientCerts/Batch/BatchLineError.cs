namespace CertPortal.Features.ClientCerts.Batch;

/// <summary>A line of the CSV that was not issued, and why.</summary>
public sealed record BatchLineError(int Line, string Message);
