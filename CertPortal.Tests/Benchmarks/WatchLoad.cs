using System.Text.Json;
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
/// The load for the dashboard, written straight into a stopped portal's SQLite file: 200 customers, 10,000
/// certificates (ending over the next 90 days, some ended, some failed, some imported), one binding per certificate
/// (10 targets a customer) with 5 runs each — 50,000 runs, the newest mostly verified — and one order run each.
/// A fixed seed, so every run of the benchmark sees the same data.
/// </summary>
public static class WatchLoad
{
    public const int Customers = 200, Certificates = 10_000, RunsPerBinding = 5, TargetsPerCustomer = 10;

    public static async Task SeedAsync(string databasePath, DateTime now)
    {
        var random = new Random(10);
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={databasePath}").Options;
        var customers = Enumerable.Range(0, Customers).Select(i => new Customer { Id = Guid.NewGuid(), Name = $"Customer {i:D3}", CreatedAt = now, UpdatedAt = now }).ToList();
        var targets = customers.SelectMany(c => Enumerable.Range(0, TargetsPerCustomer).Select(t => new Target
        {
            Id = Guid.NewGuid(), CustomerId = c.Id, Name = $"Firewall {t}", Type = "manual", CreatedAt = now, UpdatedAt = now,
            Settings = new() { ["checklist"] = JsonSerializer.SerializeToElement("Upload it") },
        })).ToList();
        await using (var db = new AppDbContext(options))
        {
            db.AddRange(customers);
            db.AddRange(targets);
            await db.SaveChangesAsync();
        }
        for (var batch = 0; batch < Certificates; batch += 1000)
        {
            await using var db = new AppDbContext(options);
            for (var i = batch; i < batch + 1000; i++)
                AddCertificate(db, i, customers[i % Customers], targets[(i % Customers) * TargetsPerCustomer + random.Next(TargetsPerCustomer)], random, now);
            await db.SaveChangesAsync();
        }
    }

    private static void AddCertificate(AppDbContext db, int i, Customer customer, Target target, Random random, DateTime now)
    {
        var roll = random.NextDouble();
        var notAfter = now.AddHours(random.Next(-10 * 24, 90 * 24));
        var certificate = new Certificate
        {
            Id = Guid.NewGuid(), CustomerId = customer.Id, CommonName = $"host{i:D5}.customer.test", Source = roll < 0.05 ? CertificateSources.Import : CertificateSources.Acme,
            AutoRenew = roll >= 0.05, Status = roll is > 0.05 and < 0.07 ? CertificateStatus.Failed : roll is > 0.07 and < 0.08 ? CertificateStatus.Revoked : CertificateStatus.Valid,
            LastError = roll is > 0.05 and < 0.07 ? "The DNS provider timed out." : null, CurrentVersion = RunsPerBinding, NotBefore = notAfter.AddDays(-90), NotAfter = notAfter,
            Issuer = "CN=Bench CA", CreatedAt = now.AddDays(-400), UpdatedAt = now.AddDays(-1),
        };
        db.Add(certificate);
        db.Add(new IssuanceRun { Id = Guid.NewGuid(), CertificateId = certificate.Id, Kind = "renew", Status = roll is > 0.05 and < 0.07 ? "failed" : "succeeded",
            StartedAt = now.AddHours(-random.Next(1, 40 * 24)), FinishedAt = now.AddHours(-random.Next(1, 30 * 24)) });
        var newest = random.NextDouble();
        var deployment = new Deployment
        {
            Id = Guid.NewGuid(), CustomerId = customer.Id, CertificateId = certificate.Id, TargetId = target.Id, BoundAtVersion = 1, CreatedAt = now.AddDays(-400),
            VerifiedVersion = newest < 0.90 ? RunsPerBinding : RunsPerBinding - 1,
        };
        db.Add(deployment);
        for (var v = 1; v <= RunsPerBinding; v++)
        {
            var last = v == RunsPerBinding;
            var status = !last || newest < 0.90 ? RunStatus.Verified : newest < 0.94 ? RunStatus.Failed : newest < 0.96 ? RunStatus.RolledBack
                : newest < 0.98 ? RunStatus.Running : RunStatus.Queued;
            var at = now.AddDays(-(RunsPerBinding - v) * 20 - random.NextDouble() * 5);
            db.Add(new DeploymentRun
            {
                Id = Guid.NewGuid(), DeploymentId = deployment.Id, CertificateVersion = v, Status = status, AwaitingPerson = status == RunStatus.Running, TriggeredBy = "bench",
                QueuedAt = at, StartedAt = at, FinishedAt = RunStatus.IsOpen(status) ? null : at.AddMinutes(1), Attempt = 1,
                Steps = [new RunStep("start", "done", $"Version {v}.", at), new RunStep("deploy", status == RunStatus.Verified ? "done" : "failed", "The firewall answered.", at.AddMinutes(1))],
            });
        }
    }
}
