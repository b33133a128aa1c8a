using CertPortal.Features.CertificateAuthorities;
using CertPortal.Features.Customers;
using CertPortal.Security;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.ClientCerts;

/// <summary>
/// A certificate the portal's own CA issued for a person or device (VPN, mTLS, internal server, S/MIME). Its key is
/// sealed when the portal made it, and absent when it was signed from a CSR. A renewal is a new row linked to the old.
/// </summary>
public sealed class ClientCertificate : ICustomerOwned
{
    public Guid Id { get; set; }

    /// <summary>The CA's customer, or the one chosen when the CA is shared.</summary>
    public Guid CustomerId { get; set; }

    public Guid CaId { get; set; }

    public string CommonName { get; set; } = "";

    public string? Email { get; set; }

    public string? Organization { get; set; }

    /// <summary>client, server, client-server or email (<see cref="Pki.CertificateUsage"/>).</summary>
    public string Usage { get; set; } = "client";

    /// <summary>Prefixed as the API takes them back: <c>dns:</c>, <c>ip:</c>, <c>email:</c>, <c>uri:</c>.</summary>
    public List<string> SubjectAlternativeNames { get; set; } = [];

    public string KeyType { get; set; } = "";

    public int ValidityDays { get; set; }

    public string Subject { get; set; } = "";

    /// <summary>Lowercase hex, as <c>openssl x509 -serial</c> prints it.</summary>
    public string SerialNumber { get; set; } = "";

    public DateTime NotBefore { get; set; }

    public DateTime NotAfter { get; set; }

    public string ThumbprintSha256 { get; set; } = "";

    public string CertificatePem { get; set; } = "";

    /// <summary>The issuing CA first, up to its root, as it was at issuance.</summary>
    public string ChainPem { get; set; } = "";

    /// <summary>PKCS#8 PEM sealed by the SecretProtector; null when the key stayed on the device (CSR).</summary>
    public string? SealedPrivateKey { get; set; }

    /// <summary>valid or revoked; expired is worked out when read (<see cref="ClientCertStatus"/>).</summary>
    public string Status { get; set; } = ClientCertStatus.Valid;

    public DateTime? RevokedAt { get; set; }

    /// <summary>The RFC 5280 reason name (<see cref="Pki.RevocationReason"/>).</summary>
    public string? RevocationReason { get; set; }

    public Guid? RenewedFromId { get; set; }

    public DateTime CreatedAt { get; set; }

    public bool FromCsr => SealedPrivateKey is null;
}

internal sealed class ClientCertificateConfiguration : IEntityTypeConfiguration<ClientCertificate>
{
    public void Configure(EntityTypeBuilder<ClientCertificate> builder)
    {
        builder.ToTable("ClientCertificates");
        builder.Ignore(c => c.FromCsr);
        builder.Property(c => c.CommonName).HasMaxLength(64).UseCollation(CaseInsensitiveText.Collation);
        builder.Property(c => c.Email).HasMaxLength(255).UseCollation(CaseInsensitiveText.Collation);
        builder.Property(c => c.Organization).HasMaxLength(64);
        builder.PrimitiveCollection(c => c.SubjectAlternativeNames);
        builder.Property(c => c.Usage).HasMaxLength(16);
        builder.Property(c => c.KeyType).HasMaxLength(16);
        builder.Property(c => c.Subject).HasMaxLength(1000);
        builder.Property(c => c.SerialNumber).HasMaxLength(42);
        builder.Property(c => c.ThumbprintSha256).HasMaxLength(64);
        builder.Property(c => c.Status).HasMaxLength(16);
        builder.Property(c => c.RevocationReason).HasMaxLength(32);
        builder.Property(c => c.SealedPrivateKey).IsSecret();
        builder.HasIndex(c => c.CustomerId);
        builder.HasIndex(c => new { c.CaId, c.SerialNumber }).IsUnique();
        builder.HasIndex(c => c.NotAfter);
        // Issued serials stay answerable on the CA's CRL and OCSP: neither the CA nor the customer goes while they exist.
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CertificateAuthority>().WithMany().HasForeignKey(c => c.CaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ClientCertificate>().WithMany().HasForeignKey(c => c.RenewedFromId).OnDelete(DeleteBehavior.Restrict);
    }
}
