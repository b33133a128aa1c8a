namespace CertPortal.Features.Audit;

/// <summary>Section <c>CertPortal:Audit</c>.</summary>
public sealed class AuditRetentionOptions
{
    public const string Section = "CertPortal:Audit";

    /// <summary>Entries older than this are deleted by the nightly job. 0 keeps them forever. Default 730 (two years).</summary>
    public int RetentionDays { get; set; } = 730;
}
