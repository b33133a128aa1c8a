using CertPortal.Features.Customers;
using CertPortal.Security;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Certificates.Accounts;

/// <summary>An account registered with an ACME CA: its directory, contact, sealed account key and the account URL (kid).</summary>
public sealed class AcmeRegistration : ICustomerOwnedOrShared
{
    public Guid Id { get; set; }

    /// <summary>Null for an account the MSP shares across customers.</summary>
    public Guid? CustomerId { get; set; }

    public string Name { get; set; } = "";

    public string DirectoryUrl { get; set; } = "";

    public string Email { get; set; } = "";

    public string? EabKeyId { get; set; }

    public string? SealedEabHmacKey { get; set; }

    /// <summary>Extra roots trusted for the directory's TLS (Pebble, step-ca, an in-house CA).</summary>
    public string? TrustedRootsPem { get; set; }

    /// <summary>Which chain to download when the CA offers alternates: the issuer CN of the chain's top certificate.</summary>
    public string? PreferredChain { get; set; }

    /// <summary>PKCS#8 of the account key, sealed.</summary>
    public string SealedAccountKey { get; set; } = "";

    public string KeyAlgorithm { get; set; } = "ES256";

    public string AccountUrl { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

internal sealed class AcmeRegistrationConfiguration : IEntityTypeConfiguration<AcmeRegistration>
{
    public void Configure(EntityTypeBuilder<AcmeRegistration> builder)
    {
        builder.ToTable("AcmeAccounts");
        builder.Property(a => a.Name).HasMaxLength(200).UseCollation(CaseInsensitiveText.Collation);
        builder.Property(a => a.DirectoryUrl).HasMaxLength(2000);
        builder.Property(a => a.Email).HasMaxLength(254);
        builder.Property(a => a.EabKeyId).HasMaxLength(500);
        builder.Property(a => a.SealedEabHmacKey).IsSecret();
        builder.Property(a => a.SealedAccountKey).IsSecret();
        builder.HasIndex(a => a.CustomerId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
