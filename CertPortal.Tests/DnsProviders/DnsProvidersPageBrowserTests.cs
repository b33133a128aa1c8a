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

/// <summary>The DNS-provider page against a real BIND: the form, Test in the dialog and in each row, delegation, and the vendor names.</summary>
public sealed class DnsProvidersPageBrowserTests(ChromiumFixture chromium, BindFixture bind) : BrowserTest(chromium), IClassFixture<BindFixture>
{
    [Fact]
    public async Task A_technician_adds_an_rfc2136_provider_from_its_declared_fields_and_tests_it_against_bind()
    {
        await Portal.CreateUserAsync("dns@msp.test", Roles.Technician);
        await Portal.CreateUserAsync("sales@msp.test", Roles.ReadOnly);
        await Portal.SeedCustomerAsync("Contoso Dental");
        var page = await SignInAsync("dns@msp.test");
        await page.OpenAsync("/dns-providers");
        await page.GetByTestId("new-dns-provider").ClickAsync();
        await page.ChooseAsync("dns-customer", "Contoso Dental");
        await page.Field("dns-name").FillAsync("Contoso BIND");
        await page.Field("dns-field-nameserver").FillAsync(bind.NameServer);
        await page.Field("dns-field-zone").FillAsync(BindFixture.Zone);
        await page.Field("dns-field-tsigKeyName").FillAsync(BindFixture.KeyName);
        await page.ChooseAsync("dns-field-tsigAlgorithm", "hmac-sha256");
        // The propagation settings wait under Advanced, closed until asked for.
        await Assertions.Expect(page.GetByTestId("dns-field-resolvers")).ToHaveCountAsync(0);
        await page.GetByTestId("advanced-toggle").ClickAsync();
        await page.Field("dns-field-resolvers").FillAsync(bind.NameServer);
        await page.GetByTestId("save-dns-provider").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dns-provider-dialog")).ToContainTextAsync("TSIG secret is required");

        // Test in the dialog: a wrong secret fails there, the right one passes, and nothing is saved until Save.
        await page.Field("dns-field-tsigSecret").FillAsync(Convert.ToBase64String(new byte[32]));
        await page.GetByTestId("dialog-test").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dialog-test-result")).ToContainTextAsync("BADSIG", new() { Timeout = 30_000 });
        await page.Field("dns-field-tsigSecret").FillAsync(bind.TsigSecret);
        await page.GetByTestId("dialog-test").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dialog-test-result")).ToContainTextAsync("Wrote, saw and removed a TXT record", new() { Timeout = 30_000 });
        await ChromiumFixture.ScreenshotAsync(page, "dns-provider-dialog-tested");
        Assert.Equal(0, await Portal.InScopeAsync(async sp => (await sp.GetRequiredService<DnsProviderService>().ListAsync(null, CertPortal.Common.Paging.From(1, 10), Actor.CommandLine("test"))).Total));
        await page.GetByTestId("save-dns-provider").ClickAsync();
        var grid = page.GetByTestId("dns-provider-grid");
        await Assertions.Expect(grid).ToContainTextAsync("Contoso BIND");
        await Assertions.Expect(grid).ToContainTextAsync("Contoso Dental");

        await grid.GetByTestId("test-dns-provider").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dns-provider-test-result")).ToContainTextAsync("Wrote, saw and removed a TXT record");
        Assert.DoesNotContain(bind.TsigSecret, await page.ContentAsync());
        await ChromiumFixture.ScreenshotAsync(page, "dns-providers");

        var readOnly = await SignInAsync("sales@msp.test");
        await readOnly.OpenAsync("/dns-providers");
        await Assertions.Expect(readOnly.GetByTestId("dns-provider-grid")).ToContainTextAsync("Contoso BIND");
        await Assertions.Expect(readOnly.GetByTestId("new-dns-provider")).ToHaveCountAsync(0);
        await Assertions.Expect(readOnly.GetByTestId("test-dns-provider")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_delegation_dialog_shows_the_cname_to_create_and_whether_it_is_found_missing_or_wrong()
    {
        await Portal.CreateUserAsync("sales-dns@msp.test", Roles.ReadOnly);
        var customer = await Portal.SeedCustomerAsync("Fabrikam");
        await Portal.InScopeAsync(async sp => (await sp.GetRequiredService<DnsProviderService>().CreateAsync(new DnsProviderInput(customer.Id, "MSP challenges", "rfc2136",
            new Dictionary<string, JsonElement>
            {
                ["nameserver"] = JsonSerializer.SerializeToElement(bind.NameServer), ["zone"] = JsonSerializer.SerializeToElement(BindFixture.DelegationZone),
                ["tsigKeyName"] = JsonSerializer.SerializeToElement(BindFixture.KeyName), ["tsigAlgorithm"] = JsonSerializer.SerializeToElement("hmac-sha256"),
                ["resolvers"] = JsonSerializer.SerializeToElement(new[] { bind.NameServer }),
            },
            new Dictionary<string, string?> { ["tsigSecret"] = bind.TsigSecret }), Actor.CommandLine("test"))).Value!);

        var page = await SignInAsync("sales-dns@msp.test");
        await page.OpenAsync("/dns-providers");
        await page.GetByTestId("delegation-dns-provider").ClickAsync();
        var dialog = page.GetByTestId("delegation-dialog");
        await page.Field("delegation-domain").FillAsync("delegated.example.test");
        await Assertions.Expect(page.Field("delegation-cname")).ToHaveValueAsync("_acme-challenge.delegated.example.test. CNAME delegated-example-test.challenges.test.");
        await page.GetByTestId("check-delegation").ClickAsync();
        await Assertions.Expect(page.GetByTestId("delegation-result")).ToContainTextAsync("Found. _acme-challenge.delegated.example.test leads to delegated.challenges.test, which is in challenges.test");
        await ChromiumFixture.ScreenshotAsync(page, "dns-delegation");

        await page.Field("delegation-domain").FillAsync("missing.example.test");
        await Assertions.Expect(page.GetByTestId("delegation-result")).ToHaveCountAsync(0);
        await page.GetByTestId("check-delegation").ClickAsync();
        await Assertions.Expect(page.GetByTestId("delegation-result")).ToContainTextAsync(
            "Missing. There is no CNAME at _acme-challenge.missing.example.test yet. Ask the customer to create: _acme-challenge.missing.example.test. CNAME missing-example-test.challenges.test.");

        await page.Field("delegation-domain").FillAsync("elsewhere.example.test");
        await page.GetByTestId("check-delegation").ClickAsync();
        await Assertions.Expect(page.GetByTestId("delegation-result")).ToContainTextAsync("Wrong target. _acme-challenge.elsewhere.example.test leads to elsewhere.example.test, which is outside challenges.test.");

        await page.Field("delegation-domain").FillAsync("not a domain");
        await Assertions.Expect(dialog).ToContainTextAsync("Enter a domain name");
        await Assertions.Expect(page.GetByTestId("check-delegation")).ToBeDisabledAsync();
    }

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
