namespace CertPortal.Features.ClientCerts;

/// <summary>the README's API section's statuses of a client certificate. Only valid and revoked are stored; expired is read off notAfter.</summary>
public static class ClientCertStatus
{
    public const string Valid = "valid";
    public const string Revoked = "revoked";
    public const string Expired = "expired";

    public static readonly IReadOnlyList<string> All = [Valid, Revoked, Expired];

    public static string Of(ClientCertificate certificate, DateTime now) =>
        certificate.Status == Valid && certificate.NotAfter <= now ? Expired : certificate.Status;
}
