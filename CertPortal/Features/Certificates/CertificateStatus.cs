namespace CertPortal.Features.Certificates;

/// <summary>The certificate statuses of the README's API section, as stored and as the API writes them.</summary>
public static class CertificateStatus
{
    public const string Pending = "pending";
    public const string Issuing = "issuing";
    public const string Valid = "valid";
    public const string Renewing = "renewing";
    public const string Failed = "failed";
    public const string Expired = "expired";
    public const string Revoked = "revoked";

    /// <summary>Statuses whose work is under way (or must be resumed after a restart).</summary>
    public static readonly string[] Working = [Pending, Issuing, Renewing];

    public static bool IsWorking(string status) => Working.Contains(status);

    /// <summary>The status people see: a valid certificate past its end is expired before any job has marked it so.</summary>
    public static string Shown(string stored, DateTime? notAfter, DateTime now) => stored == Valid && notAfter <= now ? Expired : stored;
}
