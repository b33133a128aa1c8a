namespace CertPortal.Features.Certificates.Planning;

/// <summary>What the calendar shows: how many days from today, and for which customer or account.</summary>
public sealed record PlannerFilter(int? Days = null, Guid? CustomerId = null, Guid? AcmeAccountId = null);
