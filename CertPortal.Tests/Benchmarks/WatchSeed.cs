using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPortal.Common.Runs;
using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Features.Certificates.Issuance;
using CertPortal.Features.Customers;
using CertPortal.Features.Deployments;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Tests.Benchmarks;

/// <summary>
/// Fills a stopped portal's database with an MSP's worth of data for the watch benchmark: customers, certificates
/// spread over the next months (some failed, expired, imported), targets, bindings and their run history.
/// Written straight through the portal's own EF model, as orders against a CA would take hours.
/// </summary>
public static class WatchSeed
{
    /// <summary>
    /// A portal in its steady state, as the benchmark measures it: what entered its renewal window has its renewal
    /// planned a little later (spread, or its ARI window), so no renewal is due at the moment the portal starts.
    /// Thirty days before the end would make a quarter of the certificates due at once: a renewal storm against a CA
    /// the benchmark does not have, which is another scenario than the dashboard's.
    /// </summary>
    private static DateTime RenewAfter(DateTime notAfter, DateTime now, Random random)
    {
        var planned = notAfter.AddDays(-30);
        return planned > now ? planned : now.AddHours(random.Next(1, 73));
    }

    public sealed record Counts(int Customers, int Certificates, int Bindings, int Runs, int IssuanceRuns);

    public static async Task<Counts> FillAsync(string dataPath, int customers, int certificatesPerCustomer, int runsPerBinding, DateTime now)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={Path.Combine(dataPath, "certportal.db")}").Options;
        var random = new Random(42);
        var (leafPem, thumbprint) = SampleLeaf();
        int certificateCount = 0, bindingCount = 0, runCount = 0, issuanceCount = 0;
        for (var c = 0; c < customers; c++)
        {
            await using var db = new AppDbContext(options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var customer = new Customer { Id = Guid.NewGuid(), Name = $"Customer {c:D3}", AlertEmails = [$"it@customer{c}.test"], CreatedAt = now, UpdatedAt = now };
            db.Add(customer);
            var targets = Enumerable.Range(0, 2).Select(t => new Target
            {
                Id = Guid.NewGuid(), CustomerId = customer.Id, Name = $"fw{t}.customer{c}.test", Type = "webhook",
                Settings = new() { ["url"] = JsonSerializer.SerializeToElement($"https://fw{t}.customer{c}.test/hook") }, CreatedAt = now, UpdatedAt = now,
            }).ToList();
            db.AddRange(targets);
            for (var i = 0; i < certificatesPerCustomer; i++)
            {
                var notAfter = now.AddDays(random.Next(-5, 120)).AddMinutes(random.Next(0, 1440));
                var imported = random.NextDouble() < 0.03;
                var status = notAfter <= now ? CertificateStatus.Expired : random.NextDouble() switch
                {
                    < 0.03 => CertificateStatus.Failed,
                    < 0.05 => CertificateStatus.Renewing,
                    _ => CertificateStatus.Valid,
                };
                var certificate = new Certificate
                {
                    Id = Guid.NewGuid(), CustomerId = customer.Id, CommonName = $"host{i}.customer{c}.test", SubjectAlternativeNames = [$"www{i}.customer{c}.test"],
                    Source = imported ? CertificateSources.Import : CertificateSources.Acme, AutoRenew = !imported, KeyType = "ec256", Status = status,
                    LastError = status == CertificateStatus.Failed ? "The CA refused the order: rateLimited." : null,
                    CurrentVersion = 1, NotBefore = notAfter.AddDays(-90), NotAfter = notAfter, SerialNumber = $"{c:x4}{i:x6}", ThumbprintSha256 = thumbprint,
                    Issuer = "CN=Bench CA", RenewAfter = RenewAfter(notAfter, now, random), CreatedAt = now.AddDays(-100), UpdatedAt = now,
                    NextAttemptAt = status == CertificateStatus.Failed ? now.AddHours(random.Next(1, 7)) : null,
                };
                db.Add(certificate);
                db.Add(new CertificateVersion
                {
                    Id = Guid.NewGuid(), CertificateId = certificate.Id, Version = 1, SerialNumber = certificate.SerialNumber, NotBefore = certificate.NotBefore.Value,
                    NotAfter = notAfter, ThumbprintSha256 = thumbprint, Issuer = "CN=Bench CA", LeafPem = leafPem, ChainPem = "", SealedPrivateKey = "", CreatedAt = now.AddDays(-100),
                });
                certificateCount++;
                if (!imported)
                {
                    db.Add(new IssuanceRun
                    {
                        Id = Guid.NewGuid(), CertificateId = certificate.Id, Kind = "renew", Status = status == CertificateStatus.Failed ? "failed" : "succeeded",
                        StartedAt = now.AddDays(-random.Next(0, 30)).AddMinutes(-random.Next(0, 1440)), FinishedAt = now,
                    });
                    issuanceCount++;
                }
                if (i % 2 == 1)
                    continue;
                var binding = new Deployment
                {
                    Id = Guid.NewGuid(), CustomerId = customer.Id, CertificateId = certificate.Id, TargetId = targets[i % 4 / 2].Id, CreatedAt = now.AddDays(-100),
                    BoundAtVersion = 1, VerifiedVersion = random.NextDouble() < 0.95 ? 1 : null,
                };
                db.Add(binding);
                bindingCount++;
                for (var r = 0; r < runsPerBinding; r++)
                {
                    var at = now.AddDays(-runsPerBinding * 3 + r * 3).AddMinutes(random.Next(0, 600));
                    var last = r == runsPerBinding - 1;
                    var runStatus = last && binding.VerifiedVersion is null
                        ? (random.NextDouble() < 0.5 ? RunStatus.Failed : RunStatus.RolledBack)
                        : random.NextDouble() < 0.05 ? RunStatus.Failed : RunStatus.Verified;
                    db.Add(new DeploymentRun
                    {
                        Id = Guid.NewGuid(), DeploymentId = binding.Id, CertificateVersion = 1, Status = runStatus, TriggeredBy = "job:bench", Attempt = 1,
                        QueuedAt = at, StartedAt = at, FinishedAt = at.AddSeconds(2),
                        Steps = [new RunStep("start", "done", "Started.", at), new RunStep("verify", runStatus == RunStatus.Verified ? "done" : "failed", "Checked.", at.AddSeconds(2))],
                    });
                    runCount++;
                }
            }
            await db.SaveChangesAsync();
        }
        return new Counts(customers, certificateCount, bindingCount, runCount, issuanceCount);
    }

    private static (string Pem, string Thumbprint) SampleLeaf()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=bench.example.test", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));
        return (certificate.ExportCertificatePem(), Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)));
    }
}
