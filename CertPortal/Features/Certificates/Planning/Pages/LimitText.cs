namespace CertPortal.Features.Certificates.Planning.Pages;

/// <summary>How the planner page names a limit.</summary>
internal static class LimitText
{
    public static string Name(string limit) => limit switch
    {
        LimitKinds.OrdersPerAccount => "new orders per account",
        LimitKinds.OrdersPerAccountPerDay => "new orders per account per day",
        LimitKinds.CertificatesPerDomain => "certificates per registered domain",
        LimitKinds.CertificatesPerIdentifierSet => "certificates for the same names",
        _ => limit,
    };
}
