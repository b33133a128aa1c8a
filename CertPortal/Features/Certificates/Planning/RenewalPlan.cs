namespace CertPortal.Features.Certificates.Planning;

/// <summary>The renewal calendar (GET /api/v1/planner): one entry per UTC day, and the limits of the CAs in it.</summary>
public sealed record RenewalPlan(DateTime From, DateTime Until, IReadOnlyList<PlanDay> Days, IReadOnlyList<CaLimits> Cas);
