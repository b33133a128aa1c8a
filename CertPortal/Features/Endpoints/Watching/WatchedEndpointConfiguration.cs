using CertPortal.Data;
using CertPortal.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Endpoints.Watching;

internal sealed class WatchedEndpointConfiguration : IEntityTypeConfiguration<WatchedEndpoint>
{
    public void Configure(EntityTypeBuilder<WatchedEndpoint> builder)
    {
        builder.ToTable("WatchedEndpoints");
        builder.Property(e => e.Host).HasMaxLength(EndpointAddress.MaxHostLength);
        builder.Property(e => e.ServerName).HasMaxLength(EndpointAddress.MaxHostLength);
        builder.Property(e => e.Origin).HasMaxLength(16);
        builder.Property(e => e.ThumbprintSha256).HasMaxLength(64);
        builder.Property(e => e.DeployedThumbprintSha256).HasMaxLength(64);
        builder.Property(e => e.ChangedFromThumbprintSha256).HasMaxLength(64);
        builder.Property(e => e.Key).HasMaxLength(32);
        builder.Property(e => e.LastError).HasMaxLength(500);
        builder.Property(e => e.Names).HasJsonConversion();
        builder.Property(e => e.Problems).HasJsonConversion();
        builder.HasIndex(e => new { e.CustomerId, e.Host, e.Port, e.ServerName }).IsUnique();
        builder.HasIndex(e => e.LastCheckedAt);
        builder.HasIndex(e => e.DeploymentId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
