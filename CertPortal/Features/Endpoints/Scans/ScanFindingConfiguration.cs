using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Endpoints.Scans;

internal sealed class ScanFindingConfiguration : IEntityTypeConfiguration<ScanFinding>
{
    public void Configure(EntityTypeBuilder<ScanFinding> builder)
    {
        builder.ToTable("ScanFindings");
        builder.Property(f => f.Host).HasMaxLength(EndpointAddress.MaxHostLength);
        builder.Property(f => f.ServerName).HasMaxLength(EndpointAddress.MaxHostLength);
        builder.Property(f => f.ThumbprintSha256).HasMaxLength(64);
        builder.Property(f => f.Subject).HasMaxLength(1000);
        builder.HasIndex(f => f.ScanId);
        builder.HasOne<DiscoveryScan>().WithMany().HasForeignKey(f => f.ScanId).OnDelete(DeleteBehavior.Cascade);
    }
}
