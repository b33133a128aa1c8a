namespace CertPortal.Features.Certificates.Planning;

/// <summary>
/// A CA's published issuance limits as the renewal planner checks them, chosen by the ACME account's directory URL
/// (<see cref="CaLimitsCatalog"/>). A limit of 0 means the CA has none. Orders are counted per account in fixed
/// windows of <see cref="OrdersWindowHours"/> (UTC-aligned), certificates per registered domain and per exact
/// identifier set in rolling windows of <see cref="CertificatesWindowDays"/> UTC days, across all accounts of the CA.
/// </summary>
public sealed record CaLimits
{
    public string DirectoryUrl { get; init; } = "";

    public string Name { get; init; } = "";

    public int OrdersPerAccount { get; init; }

    public int OrdersWindowHours { get; init; } = 3;

    public int CertificatesPerDomain { get; init; }

    public int CertificatesPerIdentifierSet { get; init; }

    public int CertificatesWindowDays { get; init; } = 7;

    /// <summary>An ARI renewal (an order naming the certificate it <c>replaces</c>) counts against no limit.</summary>
    public bool AriRenewalsExempt { get; init; }

    /// <summary>A renewal without ARI (same identifier set) counts only against the exact-set limit.</summary>
    public bool RenewalsSkipOrderAndDomainLimits { get; init; }

    public bool CountsOrder(bool renewal, bool ari) => OrdersPerAccount > 0 && !Skips(renewal, ari);

    public bool CountsForDomains(bool renewal, bool ari) => CertificatesPerDomain > 0 && !Skips(renewal, ari);

    public bool CountsForIdentifierSet(bool renewal, bool ari) => CertificatesPerIdentifierSet > 0 && !(renewal && ari && AriRenewalsExempt);

    /// <summary>A renewal that counts against none of the limits.</summary>
    public bool Exempt(bool ari) => !CountsOrder(true, ari) && !CountsForDomains(true, ari) && !CountsForIdentifierSet(true, ari);

    /// <summary>Fixed order windows per UTC day (8 for 3 h).</summary>
    public int OrderWindowsPerDay => OrdersWindowHours is > 0 and <= 24 ? 24 / OrdersWindowHours : 1;

    private bool Skips(bool renewal, bool ari) => renewal && (ari && AriRenewalsExempt || RenewalsSkipOrderAndDomainLimits);
}
