namespace CertPortal.Features.Certificates.Planning;

/// <summary>
/// One order a CA counts: a planned renewal (<see cref="Projected"/> when it follows a renewal that has not happened
/// yet), or one already made (<see cref="Ordered"/>: an order was created; <see cref="Issued"/>: a certificate came of it).
/// </summary>
public readonly record struct LimitEvent(RenewalSubject Subject, DateTime At, bool Renewal, bool Ordered, bool Issued, bool Projected)
{
    public static LimitEvent Planned(RenewalSubject subject, DateTime at, bool projected = false) => new(subject, at, true, true, true, projected);

    public bool CountsOrder => Ordered && Subject.Limits.CountsOrder(Renewal, Subject.Ari);

    public bool CountsForDomains => Issued && Subject.Limits.CountsForDomains(Renewal, Subject.Ari);

    public bool CountsForIdentifierSet => Issued && Subject.Limits.CountsForIdentifierSet(Renewal, Subject.Ari);

    public bool Counted => CountsOrder || CountsForDomains || CountsForIdentifierSet;
}
