namespace CertPortal.Features.Certificates.Planning;

/// <summary>A limit one more renewal would break: which, for what (account, domain, names), and the window that is full.</summary>
public sealed record LimitBreach(string Limit, string Scope, int Max, int Planned, DateTime From, DateTime Until, CaLimits Ca)
{
    public string Describe() => Limit switch
    {
        LimitKinds.OrdersPerAccount =>
            $"{Ca.Name} allows {Max} new orders per account in {Ca.OrdersWindowHours} h; {Scope} had {Planned} planned for {From:yyyy-MM-dd HH:mm}–{Until:HH:mm} UTC.",
        LimitKinds.CertificatesPerDomain =>
            $"{Ca.Name} allows {Max} certificates per registered domain in {Ca.CertificatesWindowDays} days (all accounts); {Scope} had {Planned} planned for {From:yyyy-MM-dd} – {Until.AddDays(-1):yyyy-MM-dd}.",
        _ =>
            $"{Ca.Name} allows {Max} certificates for the same names in {Ca.CertificatesWindowDays} days; {Scope} had {Planned} planned for {From:yyyy-MM-dd} – {Until.AddDays(-1):yyyy-MM-dd}.",
    };
}
