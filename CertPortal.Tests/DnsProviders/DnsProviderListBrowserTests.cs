using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CertPortal.Features.DnsProviders;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CertPortal.Tests.DnsProviders;

/// <summary>The DNS-provider list against a real BIND: each row's Test spins on that row and answers in it; the Type column names the vendor.</summary>
public sealed class DnsProviderListBrowserTests(ChromiumFixture chromium, BindFixture bind) : BrowserTest(chromium), IClassFixture<BindFixture>
{
    [Fact]
    public async Task Each_row_tested_spins_on_its_own_button_while_it_runs_and_keeps_its_own_result_in_its_row()
    {
        await Portal.CreateUserAsync("dns-rows@msp.test", Roles.Technician);
        var customer = await Portal.SeedCustomerAsync("Row Dental");
        // A resolver that never answers: that row's propagation check waits until the clock passes its timeout.
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var silentResolver = $"127.0.0.1:{((IPEndPoint)silent.Client.LocalEndPoint!).Port}";
        await SeedBindAsync(customer.Id, "Slow BIND", bind.TsigSecret, bind.NameServer, silentResolver);
        await SeedBindAsync(customer.Id, "Good BIND", bind.TsigSecret, bind.NameServer);
        await SeedBindAsync(customer.Id, "Wrong key BIND", Convert.ToBase64String(new byte[32]), bind.NameServer);

        var page = await SignInAsync("dns-rows@msp.test");
        await page.OpenAsync("/dns-providers");
        var grid = page.GetByTestId("dns-provider-grid");
        ILocator Row(string name) => grid.Locator("tbody tr").Filter(new() { HasText = name });

        await Row("Slow BIND").GetByTestId("test-dns-provider").ClickAsync();
        await Assertions.Expect(Row("Slow BIND").GetByTestId("row-test-running")).ToBeVisibleAsync();
        await Assertions.Expect(Row("Slow BIND").GetByTestId("test-dns-provider")).ToBeDisabledAsync();
        await Assertions.Expect(Row("Good BIND").GetByTestId("row-test-running")).ToHaveCountAsync(0);

        // Other rows are tested while the slow one still runs; each answers in its own row.
        await Row("Good BIND").GetByTestId("test-dns-provider").ClickAsync();
        await Assertions.Expect(Row("Good BIND").GetByTestId("dns-provider-test-result"))
            .ToContainTextAsync("Test passed: Wrote, saw and removed a TXT record", new() { Timeout = 30_000 });
        await Row("Wrong key BIND").GetByTestId("test-dns-provider").ClickAsync();
        await Assertions.Expect(Row("Wrong key BIND").GetByTestId("dns-provider-test-result")).ToContainTextAsync("Test failed", new() { Timeout = 30_000 });
        await Assertions.Expect(Row("Wrong key BIND").GetByTestId("dns-provider-test-result")).ToContainTextAsync("BADSIG");
        await Assertions.Expect(Row("Slow BIND").GetByTestId("row-test-running")).ToBeVisibleAsync();
        await Assertions.Expect(Row("Slow BIND").GetByTestId("dns-provider-test-result")).ToHaveCountAsync(0);
        await ChromiumFixture.ScreenshotAsync(page, "dns-provider-row-tests");

        Portal.Clock.Advance(TimeSpan.FromMinutes(10));
        await Assertions.Expect(Row("Slow BIND").GetByTestId("dns-provider-test-result"))
            .ToContainTextAsync("Test failed: ", new() { Timeout = 30_000 });
        await Assertions.Expect(Row("Slow BIND").GetByTestId("dns-provider-test-result")).ToContainTextAsync($"was not seen with the expected value on {silentResolver}");
        await Assertions.Expect(Row("Slow BIND").GetByTestId("row-test-running")).ToHaveCountAsync(0);
        await Assertions.Expect(Row("Slow BIND").GetByTestId("test-dns-provider")).ToBeEnabledAsync();
        // The earlier answers stay where they were; nothing answers outside the rows.
        await Assertions.Expect(Row("Good BIND").GetByTestId("dns-provider-test-result")).ToContainTextAsync("Test passed");
        await Assertions.Expect(Row("Wrong key BIND").GetByTestId("dns-provider-test-result")).ToContainTextAsync("BADSIG");
        await Assertions.Expect(page.GetByTestId("dns-provider-test-result")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task The_type_column_names_the_vendor_while_the_csv_export_keeps_the_type_code()
    {
        await Portal.CreateUserAsync("dns-types@msp.test", Roles.ReadOnly);
        var customer = await Portal.SeedCustomerAsync("Typed Dental");
        await SeedBindAsync(customer.Id, "Typed BIND", bind.TsigSecret, bind.NameServer);

        var page = await SignInAsync("dns-types@msp.test");
        await page.OpenAsync("/dns-providers");
        var grid = page.GetByTestId("dns-provider-grid");
        await Assertions.Expect(grid.Locator("tbody tr td:nth-child(3)")).ToHaveTextAsync(["RFC 2136 dynamic update (BIND, Knot, Windows DNS)"]);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var rows = CsvText.Parse(await File.ReadAllTextAsync((await download.PathAsync())!));
        Assert.Equal("Type", rows[0][2]);
        Assert.Equal(["rfc2136"], rows.Skip(1).Select(r => r[2]));
    }

    private Task SeedBindAsync(Guid customerId, string name, string tsigSecret, params string[] resolvers) => Portal.InScopeAsync(async sp =>
    {
        var settings = bind.Rfc2136Settings().ToDictionary(s => s.Key, s => JsonSerializer.SerializeToElement(s.Value));
        settings["resolvers"] = JsonSerializer.SerializeToElement(resolvers);
        var result = await sp.GetRequiredService<DnsProviderService>().CreateAsync(
            new DnsProviderInput(customerId, name, "rfc2136", settings, new Dictionary<string, string?> { ["tsigSecret"] = tsigSecret }), Actor.CommandLine("test"));
        return result.Value ?? throw new InvalidOperationException(result.Message);
    });
}
