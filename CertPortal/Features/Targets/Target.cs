using CertPortal.Features.Customers;
using CertPortal.Security;
using System.Text.Json;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Targets;

/// <summary>A system a customer's certificates are pushed to: a type (fortigate, ssh, ...), its settings, its secrets sealed.</summary>
public sealed class Target : ICustomerOwned, ISettingsWithSecrets
{
    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public string Name { get; set; } = "";

    public string Type { get; set; } = "";

    public Dictionary<string, JsonElement> Settings { get; set; } = [];

    public string? SealedSecrets { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>When Test last passed (UTC); null when it never did or the connection settings changed since.</summary>
    public DateTime? TestPassedAt { get; set; }
}

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> builder)
    {
        builder.ToTable("Targets");
        builder.Property(t => t.Name).HasMaxLength(200).UseCollation(CaseInsensitiveText.Collation);
        builder.HasIndex(t => new { t.CustomerId, t.Name }).IsUnique();
        builder.HasSettingsWithSecrets();
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
