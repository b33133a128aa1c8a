using CertPortal.Data;
using CertPortal.Features.CertificateAuthorities;
using CertPortal.Features.Customers;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.AcmeServer.Eab;

/// <summary>
/// An External Account Binding key (RFC 8555 §7.3.4) for one CA and one customer, with the policy of what accounts
/// bound with it may ask for. The HMAC key is sealed under the master key and shown once when made. It binds one
/// account; a refused attempt (no EAB, wrong MAC) leaves it unused.
/// </summary>
public sealed class AcmeEabKey : ICustomerOwned
{
    public Guid Id { get; set; }

    public Guid CaId { get; set; }

    public Guid CustomerId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>What the client sends as the EAB <c>kid</c>.</summary>
    public string KeyId { get; set; } = "";

    public string SealedHmacKey { get; set; } = "";

    /// <summary>DNS suffixes the account may order for (<c>example.com</c> covers it and every name under it); empty: any name the CA's constraints allow.</summary>
    public List<string> AllowedDomains { get; set; } = [];

    /// <summary>Key types (<c>ec256</c>, <c>rsa2048</c>...) a CSR may carry; empty: every type the portal issues for.</summary>
    public List<string> KeyTypes { get; set; } = [];

    /// <summary>The longest lifetime any profile gives under this key.</summary>
    public int MaxValidityDays { get; set; } = AcmeProfiles.DefaultValidityDays;

    public Guid? AccountId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

internal sealed class AcmeEabKeyConfiguration : IEntityTypeConfiguration<AcmeEabKey>
{
    public void Configure(EntityTypeBuilder<AcmeEabKey> builder)
    {
        builder.ToTable("AcmeEabKeys");
        builder.Property(k => k.Name).HasMaxLength(200);
        builder.Property(k => k.KeyId).HasMaxLength(64);
        builder.Property(k => k.SealedHmacKey).IsSecret();
        builder.PrimitiveCollection(k => k.AllowedDomains);
        builder.PrimitiveCollection(k => k.KeyTypes);
        builder.HasIndex(k => k.KeyId).IsUnique();
        builder.HasIndex(k => new { k.CaId, k.CustomerId });
        // A CA that issued nothing may be deleted (the CA slice refuses one that did); its ACME keys and accounts go with it.
        builder.HasOne<CertificateAuthority>().WithMany().HasForeignKey(k => k.CaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(k => k.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
