using CertPortal.Data;
using CertPortal.Features.Certificates.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Features.Certificates;

/// <summary>One issuance (or import) of a certificate: leaf, chain, and its own private key sealed at rest. Kept after renewal.</summary>
public sealed class CertificateVersion
{
    public Guid Id { get; set; }

    public Guid CertificateId { get; set; }

    public int Version { get; set; }

    public string SerialNumber { get; set; } = "";

    public DateTime NotBefore { get; set; }

    public DateTime NotAfter { get; set; }

    public string ThumbprintSha256 { get; set; } = "";

    public string Issuer { get; set; } = "";

    public string LeafPem { get; set; } = "";

    /// <summary>The intermediates (leaf excluded), issuer of the leaf first.</summary>
    public string ChainPem { get; set; } = "";

    /// <summary>PKCS#8 PEM of the private key, sealed by the SecretProtector.</summary>
    public string SealedPrivateKey { get; set; } = "";

    /// <summary>ARI's certificate identifier (RFC 9773 §4.1), used as <c>replaces</c> when this version is renewed.</summary>
    public string? RenewalCertId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The leaf's key algorithm ("rsa", "ec"), read from the certificate; null on versions stored before it was kept.</summary>
    public string? KeyAlgorithm { get; set; }

    /// <summary>RSA modulus bits or EC curve bits, from the certificate.</summary>
    public int? KeySize { get; set; }

    /// <summary>The issuer's signature algorithm, e.g. "sha256WithRSAEncryption".</summary>
    public string? SignatureAlgorithm { get; set; }

    public static CertificateVersion From(Guid certificateId, int number, CertificateChain chain, string sealedPrivateKey, DateTime now) => new CertificateVersion
    {
        Id = Guid.NewGuid(), CertificateId = certificateId, Version = number,
        SerialNumber = CertificateChain.Serial(chain.Leaf), ThumbprintSha256 = CertificateChain.Sha256(chain.Leaf), Issuer = CertificateChain.IssuerName(chain.Leaf),
        NotBefore = chain.Leaf.NotBefore.ToUniversalTime(), NotAfter = chain.Leaf.NotAfter.ToUniversalTime(),
        LeafPem = chain.LeafPem, ChainPem = chain.IntermediatesPem, SealedPrivateKey = sealedPrivateKey, CreatedAt = now,
    }.WithKeyFacts(CertificateKeyFacts.Of(chain.Leaf));

    /// <summary>Keeps what reports read of the leaf, so they need not parse 10,000 PEMs.</summary>
    public CertificateVersion WithKeyFacts(CertificateKeyFacts facts)
    {
        (KeyAlgorithm, KeySize, SignatureAlgorithm) = (facts.KeyAlgorithm, facts.KeySize, facts.SignatureAlgorithm);
        return this;
    }
}

internal sealed class CertificateVersionConfiguration : IEntityTypeConfiguration<CertificateVersion>
{
    public void Configure(EntityTypeBuilder<CertificateVersion> builder)
    {
        builder.ToTable("CertificateVersions");
        builder.HasIndex(v => new { v.CertificateId, v.Version }).IsUnique();
        builder.HasOne<Certificate>().WithMany().HasForeignKey(v => v.CertificateId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(v => v.SealedPrivateKey).IsSecret();
        builder.Property(v => v.ThumbprintSha256).HasMaxLength(64);
        builder.Property(v => v.KeyAlgorithm).HasMaxLength(32);
        builder.Property(v => v.SignatureAlgorithm).HasMaxLength(64);
    }
}
