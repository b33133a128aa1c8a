using System.Diagnostics;
using System.Security.Cryptography;
using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CertPortal.Tests.Reports;

/// <summary>Reports over 10,000 certificates of 20 customers: the CSV streams every row and the compliance view stays quick.</summary>
public sealed class ReportVolumeTests(ITestOutputHelper output) : IDisposable
{
    private const int Count = 10_000;
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task Ten_thousand_certificates_make_ten_thousand_csv_rows_and_a_compliance_view_whose_facts_are_read_once()
    {
        await SeedAsync();
        var api = _portal.ApiClient(await _portal.CreateTokenAsync("readonly"));

        var watch = Stopwatch.StartNew();
        using (var response = await api.GetAsync("/api/v1/reports/inventory.csv", HttpCompletionOption.ResponseHeadersRead))
        {
            var text = await response.Content.ReadAsStringAsync();
            output.WriteLine($"inventory.csv, {Count} certificates: {watch.ElapsedMilliseconds} ms, {text.Length / 1024} KB");
            var rows = CsvText.Parse(text);
            Assert.Equal(Count + 1, rows.Count);
            Assert.Equal(Count, rows.Skip(1).Select(r => r[1]).Distinct().Count());
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"the CSV took {watch.Elapsed}");

        // The versions were stored without key facts (as before they were kept): the first view reads them from the PEMs and stores them.
        watch.Restart();
        var first = await (await api.GetAsync("/api/v1/reports/compliance")).JsonAsync();
        var firstTime = watch.Elapsed;
        watch.Restart();
        var second = await (await api.GetAsync("/api/v1/reports/compliance")).JsonAsync();
        output.WriteLine($"compliance, {Count} certificates: first (backfill) {firstTime.TotalMilliseconds:F0} ms, then {watch.ElapsedMilliseconds} ms");
        foreach (var view in new[] { first, second })
        {
            Assert.Equal(Count, view.GetProperty("certificates").GetInt32());
            Assert.Equal(Count, view.GetProperty("weak").GetArrayLength());
            Assert.Equal("RSA 1024", view.GetProperty("keyTypes")[0].Str("name"));
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the compliance view took {watch.Elapsed}");
        await using var db = await _portal.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(Count, await db.Set<CertificateVersion>().CountAsync(v => v.KeySize == 1024));
    }

    /// <summary>Volume only: rows as an import stores them, written in one go (10,000 imports would measure the import, not the reports).</summary>
    private async Task SeedAsync()
    {
        var customers = new List<Guid>();
        for (var i = 0; i < 20; i++)
            customers.Add((await _portal.SeedCustomerAsync(PortalSeed.UniqueName("Bulk"))).Id);
        var leafPem = ComplianceTests.SelfSigned("bulk.example.test", RSA.Create(1024), HashAlgorithmName.SHA256).Split("-----BEGIN PRIVATE KEY-----")[0];
        var now = _portal.Clock.GetUtcNow().UtcDateTime;
        await using var db = await _portal.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        for (var i = 0; i < Count; i++)
        {
            var certificate = new Certificate
            {
                Id = Guid.NewGuid(), CustomerId = customers[i % customers.Count], CommonName = $"host{i:D5}.bulk.example.test", SubjectAlternativeNames = [$"www{i}.bulk.example.test"],
                Source = CertificateSources.Import, KeyType = "rsa1024", Status = CertificateStatus.Valid, CurrentVersion = 1, NotBefore = now.AddDays(-1),
                NotAfter = now.AddDays(1 + i % 90), Issuer = "bulk.example.test", SerialNumber = $"{i:x8}", ThumbprintSha256 = $"{i:x64}", CreatedAt = now, UpdatedAt = now,
            };
            db.Add(certificate);
            db.Add(new CertificateVersion
            {
                Id = Guid.NewGuid(), CertificateId = certificate.Id, Version = 1, SerialNumber = certificate.SerialNumber, NotBefore = now.AddDays(-1), NotAfter = certificate.NotAfter.Value,
                ThumbprintSha256 = certificate.ThumbprintSha256, Issuer = certificate.Issuer, LeafPem = leafPem, CreatedAt = now,
            });
        }
        await db.SaveChangesAsync();
    }

    public void Dispose() => _portal.Dispose();
}
