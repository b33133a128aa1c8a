using CertPortal.Data;
using CertPortal.Features.CertificateAuthorities;
using CertPortal.Features.Customers;
using CertPortal.Features.Targets;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Deployments.Trust;

/// <summary>
/// A private CA bound to a target as trust (docs/trust-push.md): its certificate and, on every re-signing, its CRL are
/// pushed there. Kept apart from <see cref="Deployment"/>, which binds a certificate with a key and versions.
/// </summary>
public sealed class TrustDeployment : ICustomerOwned
{
    public Guid Id { get; set; }

    /// <summary>The target's customer (a shared CA can be trusted by any customer's targets).</summary>
    public Guid CustomerId { get; set; }

    public Guid CaId { get; set; }

    public Guid TargetId { get; set; }

    public Dictionary<string, string?> Options { get; set; } = [];

    /// <summary>Every new CRL of the CA is pushed by itself; off, a person runs it.</summary>
    public bool AutoPush { get; set; } = true;

    /// <summary>The CRL number last verified on the target (null until a run verified one).</summary>
    public long? VerifiedCrlNumber { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class TrustDeploymentConfiguration : IEntityTypeConfiguration<TrustDeployment>
{
    public void Configure(EntityTypeBuilder<TrustDeployment> builder)
    {
        builder.ToTable("TrustDeployments");
        builder.HasIndex(d => new { d.CaId, d.TargetId }).IsUnique();
        builder.HasIndex(d => d.TargetId);
        builder.Property(d => d.Options).HasJsonConversion();
        builder.HasOne<Customer>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // Only a CA that never signed anything can be deleted; what it was trusted as goes with it.
        builder.HasOne<CertificateAuthority>().WithMany().HasForeignKey(d => d.CaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Target>().WithMany().HasForeignKey(d => d.TargetId).OnDelete(DeleteBehavior.Restrict);
    }
}
