using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Certificates;

/// <summary>Certificates stored as they would be after issuance or import, without a CA: for list pages.</summary>
public static class CertificateListSeed
{
    public static Task<Guid> SeedCertificateAsync(this PortalFactory portal, Guid customerId, string commonName, string source = CertificateSources.Acme, double days = 40,
        string? issuer = "CN=Test CA") =>
        portal.InScopeAsync(async sp =>
        {
            var now = portal.Clock.GetUtcNow().UtcDateTime;
            await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var certificate = new Certificate
            {
                Id = Guid.NewGuid(), CustomerId = customerId, CommonName = commonName, Source = source, AutoRenew = source == CertificateSources.Acme,
                Status = CertificateStatus.Valid, CurrentVersion = 1, NotBefore = now.AddDays(-10), NotAfter = now.AddDays(days), Issuer = issuer,
                CreatedAt = now.AddDays(-10), UpdatedAt = now.AddDays(-10),
            };
            db.Add(certificate);
            await db.SaveChangesAsync();
            return certificate.Id;
        });
}
