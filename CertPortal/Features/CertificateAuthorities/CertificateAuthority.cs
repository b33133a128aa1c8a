using CertPortal.Features.Customers;
using CertPortal.Security;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.CertificateAuthorities;

/// <summary>
/// A CA the portal signs with: a root, an intermediate signed by another CA here, or an imported one. Its key and
/// its delegated OCSP signer's key are sealed. The last CRL is kept so it is served without signing per request.
/// </summary>
public sealed class CertificateAuthority : ICustomerOwnedOrShared
{
    public Guid Id { get; set; }

    /// <summary>Null for a CA the MSP shares across customers.</summary>
    public Guid? CustomerId { get; set; }

    public string Name { get; set; } = "";

    public string Subject { get; set; } = "";

    public string KeyType { get; set; } = "";

    public Guid? ParentCaId { get; set; }

    /// <summary>Replaces the portal's base URL in the AIA, CRL and OCSP addresses written into what this CA issues; null: the portal's.</summary>
    public string? RevocationBaseUrl { get; set; }

    public bool Imported { get; set; }

    public string CertificatePem { get; set; } = "";

    /// <summary>For an imported CA: the certificates above it (outside the portal), issuer first; empty otherwise.</summary>
    public string UpstreamChainPem { get; set; } = "";

    public string SealedPrivateKey { get; set; } = "";

    public string SerialNumber { get; set; } = "";

    public string ThumbprintSha256 { get; set; } = "";

    public DateTime NotBefore { get; set; }

    public DateTime NotAfter { get; set; }

    /// <summary>The delegated OCSP signing certificate (id-kp-OCSPSigning, P-256: cheap to sign with) and its sealed key.</summary>
    public string? OcspSignerPem { get; set; }

    public string? SealedOcspSignerKey { get; set; }

    public long CrlNumber { get; set; }

    public byte[]? CrlDer { get; set; }

    public DateTime? CrlThisUpdate { get; set; }

    public DateTime? CrlNextUpdate { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class CertificateAuthorityConfiguration : IEntityTypeConfiguration<CertificateAuthority>
{
    public void Configure(EntityTypeBuilder<CertificateAuthority> builder)
    {
        builder.ToTable("CertificateAuthorities");
        builder.Property(c => c.Name).HasMaxLength(200).UseCollation(CaseInsensitiveText.Collation);
        builder.Property(c => c.Subject).HasMaxLength(1000);
        builder.Property(c => c.KeyType).HasMaxLength(16);
        builder.Property(c => c.RevocationBaseUrl).HasMaxLength(RevocationBaseUrl.MaxLength);
        builder.Property(c => c.SealedPrivateKey).IsSecret();
        builder.Property(c => c.SealedOcspSignerKey).IsSecret();
        builder.HasIndex(c => c.CustomerId);
        builder.HasIndex(c => new { c.ParentCaId, c.SerialNumber });
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // A CA that signed another is not removed from under it: the child's chain and revocation answers need it.
        builder.HasOne<CertificateAuthority>().WithMany().HasForeignKey(c => c.ParentCaId).OnDelete(DeleteBehavior.Restrict);
    }
}
