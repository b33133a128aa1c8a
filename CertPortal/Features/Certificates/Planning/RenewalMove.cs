namespace CertPortal.Features.Certificates.Planning;

/// <summary>A renewal the planning step moves earlier: from when, to when, and why.</summary>
public sealed record RenewalMove(RenewalSubject Subject, DateTime From, DateTime To, string Reason);
