using CertPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Users.ApiTokens;

/// <summary>A bearer token for the API. Only its SHA-256 is stored; the token itself is shown once.</summary>
public sealed class ApiToken : ICustomerOwnedOrShared
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Lowercase hex SHA-256 of the token. A 256-bit random token needs no slow hash.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>The first characters of the token, so people can tell tokens apart without the secret.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Identity role name: Admin, Technician or ReadOnly.</summary>
    public string Role { get; set; } = "";

    /// <summary>When set, the token sees only this customer; other customers' ids answer 404.</summary>
    public Guid? CustomerId { get; set; }

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("ApiTokens");
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Prefix).HasMaxLength(16);
        builder.Property(t => t.Role).HasMaxLength(32);
        builder.Property(t => t.CreatedBy).HasMaxLength(256);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.CustomerId);
    }
}
