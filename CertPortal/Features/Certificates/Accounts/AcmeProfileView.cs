namespace CertPortal.Features.Certificates.Accounts;

/// <summary>A profile a CA offers (draft-ietf-acme-profiles), as its directory's <c>meta.profiles</c> describes it.</summary>
public sealed record AcmeProfileView(string Name, string Description);
