using CertPortal.Data;
using CertPortal.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Endpoints.Scans;

internal sealed class ScanConfiguration : IEntityTypeConfiguration<DiscoveryScan>
{
    public void Configure(EntityTypeBuilder<DiscoveryScan> builder)
    {
        builder.ToTable("DiscoveryScans");
        builder.Property(s => s.Hosts).HasJsonConversion();
        builder.Property(s => s.Ports).HasJsonConversion();
        builder.Property(s => s.Status).HasMaxLength(16);
        builder.Property(s => s.StartedBy).HasMaxLength(200);
        builder.HasIndex(s => new { s.CustomerId, s.CreatedAt });
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
