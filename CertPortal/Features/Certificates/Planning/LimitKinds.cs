namespace CertPortal.Features.Certificates.Planning;

/// <summary>The limits the planner checks, as the API names them.</summary>
public static class LimitKinds
{
    /// <summary>New orders of one account in one fixed window (3 h at Let's Encrypt).</summary>
    public const string OrdersPerAccount = "orders-per-account";

    /// <summary>New orders of one account in one UTC day: the window's limit times the windows in a day (8 × 300).</summary>
    public const string OrdersPerAccountPerDay = "orders-per-account-per-day";

    /// <summary>Certificates naming one registered domain in the rolling window (7 days), all accounts of the CA.</summary>
    public const string CertificatesPerDomain = "certificates-per-domain";

    /// <summary>Certificates for exactly the same names in the rolling window (7 days), all accounts of the CA.</summary>
    public const string CertificatesPerIdentifierSet = "certificates-per-identifier-set";
}
