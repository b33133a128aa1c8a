namespace CertPortal.Features.Certificates.Planning;

/// <summary>Renewals of one account on one day, and how many of them are ARI-timed.</summary>
public sealed record AccountDay(Guid AcmeAccountId, string Account, string Ca, int Renewals, int Ari);
