using CertPortal.Features.Customers;
using CertPortal.Security;
using System.Text.Json;
using CertPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.DnsProviders;

/// <summary>A customer's configured DNS provider: a type (rfc2136, ...), its settings, and its secrets sealed at rest.</summary>
public sealed class DnsProvider : ICustomerOwned, ISettingsWithSecrets
{
    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public string Name { get; set; } = "";

    public string Type { get; set; } = "";

    public Dictionary<string, JsonElement> Settings { get; set; } = [];

    public string? SealedSecrets { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class DnsProviderConfiguration : IEntityTypeConfiguration<DnsProvider>
{
    public void Configure(EntityTypeBuilder<DnsProvider> builder)
    {
        builder.ToTable("DnsProviders");
        builder.Property(p => p.Name).HasMaxLength(200).UseCollation(CaseInsensitiveText.Collation);
        builder.HasIndex(p => new { p.CustomerId, p.Name }).IsUnique();
        builder.HasSettingsWithSecrets();
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
