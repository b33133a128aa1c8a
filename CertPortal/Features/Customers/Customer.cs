using CertPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Customers;

/// <summary>One of the MSP's customers; every certificate, DNS provider and target belongs to one.</summary>
public sealed class Customer
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Notes { get; set; } = "";

    /// <summary>Where this customer's expiry and failure alerts go, besides the global recipients.</summary>
    public List<string> AlertEmails { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("Customers");
        // NOCASE: "Acme" and "ACME" are the same customer.
        builder.Property(c => c.Name).HasMaxLength(CustomerService.MaxNameLength).UseCollation(CaseInsensitiveText.Collation);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Property(c => c.Notes).HasMaxLength(CustomerService.MaxNotesLength);
        builder.PrimitiveCollection(c => c.AlertEmails);
    }
}
