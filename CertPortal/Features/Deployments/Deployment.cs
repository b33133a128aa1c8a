using CertPortal.Features.Targets;
using CertPortal.Features.Certificates;
using CertPortal.Features.Customers;
using CertPortal.Security;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Deployments;

/// <summary>A certificate bound to a target, with the binding's options; <see cref="AutoDeploy"/> pushes every new version.</summary>
public sealed class Deployment : ICustomerOwned
{
    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public Guid CertificateId { get; set; }

    public Guid TargetId { get; set; }

    public Dictionary<string, string?> Options { get; set; } = [];

    public bool AutoDeploy { get; set; } = true;

    /// <summary>
    /// The certificate's version when the binding was made: that version is deployed when someone runs it, only later
    /// ones by themselves (so a binding made while a version is being announced is not raced by an automatic run).
    /// </summary>
    public int BoundAtVersion { get; set; }

    /// <summary>The version last verified on the target (null until one is).</summary>
    public int? VerifiedVersion { get; set; }

    /// <summary>When the endpoint was last looked at for what it serves (a verified run or the served-certificate check).</summary>
    public DateTime? ServedCheckedAt { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class DeploymentConfiguration : IEntityTypeConfiguration<Deployment>
{
    public void Configure(EntityTypeBuilder<Deployment> builder)
    {
        builder.ToTable("Deployments");
        builder.HasIndex(d => new { d.CertificateId, d.TargetId }).IsUnique();
        builder.HasIndex(d => d.TargetId);
        builder.Property(d => d.Options).HasJsonConversion();
        // A bound certificate or target is not deleted (ICertificateDependents, ITargetDependents); the keys keep it so underneath.
        builder.HasOne<Customer>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Certificate>().WithMany().HasForeignKey(d => d.CertificateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Target>().WithMany().HasForeignKey(d => d.TargetId).OnDelete(DeleteBehavior.Restrict);
    }
}
