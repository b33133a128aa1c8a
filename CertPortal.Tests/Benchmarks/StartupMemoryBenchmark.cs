using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CertPortal.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CertPortal.Tests.Benchmarks;

/// <summary>
/// Issue #3's figures, measured on the published portal as a separate process (not a timed test: it reports, and
/// fails only if a step does not work). Run with <c>CertPortal.Tests/Benchmarks/startup-memory.sh</c>.
/// 1. cold start to healthy: process start → first 200 from /api/v1/health, on an existing database;
/// 2. resident memory (VmRSS) after start, a browser sign-in and the customers page with 1,000 customers;
/// on the database of the run (<c>CERTPORTAL_TEST_DATABASE</c>: SQLite, or PostgreSQL, where the instance also keeps its
/// clustered scheduler, its queue poll and its progress listener).
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class StartupMemoryBenchmark(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    private const string Admin = "bench@msp.test";

    [Fact]
    public async Task Cold_start_and_memory_with_1000_customers()
    {
        var app = Environment.GetEnvironmentVariable("CERTPORTAL_BENCH_APP")
            ?? throw new InvalidOperationException("Set CERTPORTAL_BENCH_APP to the published CertPortal.dll (startup-memory.sh does).");
        using var data = new TempFolder("certportal-bench");

        // First start makes the database, the admin and 1,000 customers; it is not measured.
        using (var first = await PortalProcess.StartAsync(data.Path, Admin, app: app))
        {
            var token = await first.RunCommandAsync("create-api-token", "--name", "bench", "--role", "technician");
            await SeedCustomersAsync(first.BaseUrl, token.Trim(), 1000);
        }

        var starts = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            using var portal = await PortalProcess.StartAsync(data.Path, Admin, app: app);
            starts.Add(portal.StartupTime.TotalMilliseconds);
        }

        using var measured = await PortalProcess.StartAsync(data.Path, Admin, app: app);
        var rssAfterStart = measured.ResidentMegabytes();
        var page = await chromium.NewPageAsync(measured.BaseUrl);
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#email", Admin);
        await page.FillAsync("#password", TestPasswords.Default);
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync(measured.BaseUrl + "/");
        await page.OpenAsync("/customers");
        await Assertions.Expect(page.GetByTestId("customer-grid")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("1-25 of 1.?000"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var rssAfterCustomers = measured.ResidentMegabytes();
        var breakdown = measured.ResidentBreakdown();
        await page.Context.CloseAsync();

        var report = new StringBuilder()
            .AppendLine($"# CertPortal startup and memory benchmark ({TestDatabase.Lane})")
            .AppendLine($"- machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}")
            .AppendLine($"- cold start to healthy (existing database, 3 runs): {string.Join(" / ", starts.Select(s => $"{s:F0} ms"))}; median {starts.Order().ElementAt(1):F0} ms (goal ≤ 3000 ms)")
            .AppendLine($"- resident memory after start: {rssAfterStart:F0} MB")
            .AppendLine($"- resident memory after sign-in and the customers page with 1,000 customers: {rssAfterCustomers:F0} MB (goal ≤ 150 MB)")
            .AppendLine($"  - of which: {breakdown}")
            .ToString();
        output.WriteLine(report);
        var folder = Path.Combine(RepositoryRoot.Path, "CertPortal.Tests", "TestResults");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, $"benchmark-startup-memory-{TestDatabase.Lane}.md"), report);
    }

    private static async Task SeedCustomersAsync(string baseUrl, string token, int count)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var response = await http.PostAsJsonAsync("/api/v1/customers",
                new { name = $"Customer {i:D4}", notes = $"Seeded for the benchmark #{i}", alertEmails = new[] { $"it{i}@customer{i}.test" } }, ct);
            response.EnsureSuccessStatusCode();
        });
    }
}
