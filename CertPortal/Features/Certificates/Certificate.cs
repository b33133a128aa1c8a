using CertPortal.Data;
using CertPortal.Features.DnsProviders;
using CertPortal.Features.Certificates.Accounts;
using CertPortal.Features.Customers;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Certificates;

/// <summary>
/// A certificate the portal keeps valid: its names, how it is issued (ACME account, DNS provider, key type) and the
/// state of its current version, copied here so lists need no join. Versions hold the actual certificates.
/// </summary>
public sealed class Certificate : ICustomerOwned
{
    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public string CommonName { get; set; } = "";

    public List<string> SubjectAlternativeNames { get; set; } = [];

    /// <summary>"acme" for certificates the portal orders, "import" for ones brought in.</summary>
    public string Source { get; set; } = CertificateSources.Acme;

    public Guid? AcmeAccountId { get; set; }

    public Guid? DnsProviderId { get; set; }

    /// <summary>"dns-01" or "http-01".</summary>
    public string ChallengeType { get; set; } = "dns-01";

    public string KeyType { get; set; } = "ec256";

    /// <summary>The CA's profile to order (draft-ietf-acme-profiles), e.g. <c>shortlived</c>; null for the CA's default.</summary>
    public string? Profile { get; set; }

    public bool AutoRenew { get; set; }

    public string Status { get; set; } = CertificateStatus.Pending;

    public string? LastError { get; set; }

    public int CurrentVersion { get; set; }

    public DateTime? NotBefore { get; set; }

    public DateTime? NotAfter { get; set; }

    /// <summary>The share of the expiry thresholds that applies to this certificate's lifetime (<see cref="Certificates.ExpiryScale"/>).</summary>
    public double ExpiryScale { get; set; } = 1;

    public string? SerialNumber { get; set; }

    public string? ThumbprintSha256 { get; set; }

    public string? Issuer { get; set; }

    /// <summary>When the renewal job should start a renewal (ARI window or one third of the lifetime left, with jitter).</summary>
    public DateTime? RenewAfter { get; set; }

    /// <summary>When the CA's renewal info (ARI) should be asked again; null when the CA has none.</summary>
    public DateTime? RenewalInfoCheckAt { get; set; }

    /// <summary>
    /// The renewal time the schedule chose before the planner moved it earlier to stay within the CA's limits; null
    /// when <see cref="RenewAfter"/> is the schedule's own. Cleared whenever the schedule sets a new time.
    /// </summary>
    public DateTime? SpreadFrom { get; set; }

    /// <summary>Why the planner moved the renewal earlier (which limit, where), for the calendar.</summary>
    public string? SpreadReason { get; set; }

    /// <summary>Failed attempts in a row; drives the backoff.</summary>
    public int FailureCount { get; set; }

    /// <summary>After a failure: not before this time again (backoff or the CA's Retry-After).</summary>
    public DateTime? NextAttemptAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Makes <paramref name="version"/> the current one and copies what lists show.</summary>
    public void ApplyVersion(CertificateVersion version)
    {
        (CurrentVersion, NotBefore, NotAfter, SerialNumber, ThumbprintSha256, Issuer) =
            (version.Version, version.NotBefore, version.NotAfter, version.SerialNumber, version.ThumbprintSha256, version.Issuer);
        ExpiryScale = Certificates.ExpiryScale.Of(version.NotBefore, version.NotAfter);
    }

    /// <summary>Sets the schedule's renewal time; a spread made for the old time no longer applies.</summary>
    public void ScheduleRenewal(DateTime renewAfter) => (RenewAfter, SpreadFrom, SpreadReason) = (renewAfter, null, null);

    public IEnumerable<string> AllNames() => new[] { CommonName }.Concat(SubjectAlternativeNames).Distinct(StringComparer.OrdinalIgnoreCase);
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.ToTable("Certificates");
        builder.Property(c => c.CommonName).HasMaxLength(253).UseCollation(CaseInsensitiveText.Collation);
        builder.PrimitiveCollection(c => c.SubjectAlternativeNames);
        builder.Property(c => c.Source).HasMaxLength(16);
        builder.Property(c => c.ChallengeType).HasMaxLength(16);
        builder.Property(c => c.KeyType).HasMaxLength(16);
        builder.Property(c => c.Profile).HasMaxLength(CertificateProfiles.MaxLength);
        builder.Property(c => c.Status).HasMaxLength(16);
        builder.Property(c => c.LastError).HasMaxLength(4000);
        builder.Property(c => c.SpreadReason).HasMaxLength(500);
        // Covers the dashboard's counts per customer, status and expiry window.
        builder.HasIndex(c => new { c.CustomerId, c.Status, c.NotAfter });
        // Covers the expiry timeline: the days ahead read the index alone, status included.
        builder.HasIndex(c => new { c.NotAfter, c.Status });
        builder.HasIndex(c => c.Status);
        builder.HasIndex(c => c.RenewAfter);
        // Deletes are refused while these are in use (the slices' guards name them); the keys keep it so underneath.
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AcmeRegistration>().WithMany().HasForeignKey(c => c.AcmeAccountId).OnDelete(DeleteBehavior.Restrict);
        // A provider used only by revoked certificates may be deleted (IDnsProviderDependents): they forget it.
        builder.HasOne<DnsProvider>().WithMany().HasForeignKey(c => c.DnsProviderId).OnDelete(DeleteBehavior.SetNull);
    }
}
