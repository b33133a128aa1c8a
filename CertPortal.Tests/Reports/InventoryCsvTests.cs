using System.Net;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Reports;

/// <summary>GET /api/v1/reports/inventory.csv: one row per certificate with its targets, quoted as RFC 4180 says, scoped per customer.</summary>
public sealed class InventoryCsvTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Header = "customer,commonName,names,issuer,notAfter,daysLeft,status,targets,keyType,source,autoRenew";

    [Fact]
    public async Task Each_certificate_is_one_row_with_its_targets_and_commas_quotes_and_formulas_survive()
    {
        var customer = await portal.SeedCustomerAsync($"Smith, \"Jones\" & Co {Guid.NewGuid():N}");
        var formula = await portal.SeedCustomerAsync($"=HYPERLINK(\"http://evil.test\") {Guid.NewGuid():N}");
        using var shop = new TestChain("shop.example.test");
        using var mail = new TestChain("mail.example.test", days: 10);
        using var other = new TestChain("other.example.test");
        var shopCertificate = await portal.ImportAsync(customer.Id, shop);
        await portal.ImportAsync(customer.Id, mail);
        await portal.ImportAsync(formula.Id, other);
        var edge = await portal.SeedManualTargetAsync(customer.Id, "Edge, west");
        var sum = await portal.SeedManualTargetAsync(customer.Id, "@SUM(A1)");
        await portal.BindAsync(shopCertificate.Id, edge.Id);
        await portal.BindAsync(shopCertificate.Id, sum.Id);
        var api = portal.ApiClient(await portal.CreateTokenAsync("readonly"));

        var response = await api.GetAsync($"/api/v1/reports/inventory.csv?customerId={customer.Id}");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains(".csv", response.Content.Headers.ContentDisposition?.FileName);
        var records = CsvText.Parse(text);
        Assert.Equal(Header, string.Join(',', records[0]));
        Assert.Equal(3, records.Count);
        var (mailRow, shopRow) = (records[1], records[2]);
        Assert.Equal([customer.Name, "mail.example.test", "mail.example.test; www.mail.example.test", "Test Import Intermediate"], mailRow[..4]);
        Assert.Equal("", mailRow[7]);
        Assert.Equal(customer.Name, shopRow[0]);
        Assert.Equal(shop.Leaf.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), shopRow[4]);
        Assert.Equal(((int)Math.Floor((shop.Leaf.NotAfter.ToUniversalTime() - portal.Clock.GetUtcNow().UtcDateTime).TotalDays)).ToString(), shopRow[5]);
        Assert.Equal("valid", shopRow[6]);
        // Target names sorted; the one that looks like a formula is defused with a quote.
        Assert.Equal("'@SUM(A1); Edge, west", shopRow[7]);
        Assert.Equal(["ec256", "import", "false"], shopRow[8..]);
        // As the bytes go: quotes doubled inside a quoted field, CRLF between records.
        Assert.StartsWith($"{Header}\r\n\"Smith, \"\"Jones\"\" & Co ", text);
        Assert.Contains(",\"'@SUM(A1); Edge, west\",ec256,import,false\r\n", text);

        var formulaText = await api.GetStringAsync($"/api/v1/reports/inventory.csv?customerId={formula.Id}");
        Assert.Contains("\r\n\"'=HYPERLINK(\"\"http://evil.test\"\") ", formulaText);
        Assert.Equal("'" + formula.Name, CsvText.Parse(formulaText)[1][0]);
    }

    [Fact]
    public async Task A_scoped_token_gets_only_its_customer_and_another_customers_id_is_not_found()
    {
        var customerA = await portal.SeedCustomerAsync();
        var customerB = await portal.SeedCustomerAsync();
        using var a = new TestChain("a.example.test");
        using var b = new TestChain("b.example.test");
        await portal.ImportAsync(customerA.Id, a);
        await portal.ImportAsync(customerB.Id, b);
        var scoped = portal.ApiClient(await portal.CreateTokenAsync("technician", customerB.Id));

        var own = CsvText.Parse(await scoped.GetStringAsync("/api/v1/reports/inventory.csv"));
        Assert.Equal([customerB.Name], own.Skip(1).Select(r => r[0]).Distinct());
        var asked = CsvText.Parse(await scoped.GetStringAsync($"/api/v1/reports/inventory.csv?customerId={customerB.Id}"));
        Assert.Equal(own, asked);

        var other = await ProblemAssert.IsProblemAsync(await scoped.GetAsync($"/api/v1/reports/inventory.csv?customerId={customerA.Id}"), HttpStatusCode.NotFound);
        var unknown = await ProblemAssert.IsProblemAsync(await scoped.GetAsync($"/api/v1/reports/inventory.csv?customerId={Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.Equal(unknown.Str("detail"), other.Str("detail"));

        var everyone = CsvText.Parse(await portal.ApiClient(await portal.CreateTokenAsync("readonly")).GetStringAsync("/api/v1/reports/inventory.csv"));
        Assert.Contains(everyone, r => r[0] == customerA.Name && r[1] == "a.example.test");
        Assert.Contains(everyone, r => r[0] == customerB.Name && r[1] == "b.example.test");
        Assert.Equal(everyone.Count - 1, everyone.Skip(1).Select(r => (r[0], r[1])).Distinct().Count());
    }

    [Fact]
    public async Task The_signed_in_download_link_needs_a_sign_in_not_a_token()
    {
        var customer = await portal.SeedCustomerAsync();

        var anonymous = await portal.ApiClient(null).GetAsync($"/reports/inventory.csv?customerId={customer.Id}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location?.ToString());
        // A token is for /api only: on the page route it is no sign-in.
        var withToken = await portal.ApiClient(await portal.CreateTokenAsync("admin")).GetAsync($"/reports/inventory.csv?customerId={customer.Id}");
        Assert.Equal(HttpStatusCode.Redirect, withToken.StatusCode);
    }
}
