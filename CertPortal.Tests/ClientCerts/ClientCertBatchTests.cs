using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Pki;

namespace CertPortal.Tests.ClientCerts;

/// <summary>POST /api/v1/client-certs/batch: per-line results, a ZIP of PFX files with a password sheet, and files refused whole.</summary>
public sealed class ClientCertBatchTests(PortalFactory portal) : IClassFixture<PortalFactory>, IDisposable
{
    private readonly TempFolder _folder = new("client-batch");

    [Fact]
    public async Task Good_lines_are_issued_despite_a_bad_one_and_each_pfx_opens_with_its_own_password()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var ca = await setup.CreateCaAsync("CN=Contoso VPN,O=Contoso");
        // What Excel in a German locale saves: BOM, semicolons, quotes around a field with a separator in it.
        var csv = "\uFEFFcommonName;email;organization;usage;subjectAlternativeNames;validityDays;keyType\r\n" +
                  "alice;alice@contoso.test;\"Contoso; Sales\";client;;365;ec256\r\n" +
                  "bob;not-an-email;Contoso;client;;365;ec256\r\n" +
                  "\"vpn gw\";;Contoso;server;\"vpn.contoso.test|10.1.0.1 dns:gw.contoso.test\";90;rsa2048\r\n";

        var result = await PostAsync(setup, Guid.Parse(ca.Str("id")!), csv).ContinueWith(t => t.Result.JsonAsync()).Unwrap();

        var created = result.GetProperty("created").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(2, created.Count);
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Contains("not-an-email", error.Str("message"));
        Assert.Equal(2, await setup.CountAsync());

        using var zip = new ZipArchive(new MemoryStream(Convert.FromBase64String(result.Str("zipBase64")!)));
        Assert.Equal(["alice.pfx", "passwords.csv", "vpn_gw.pfx"], zip.Entries.Select(e => e.FullName).Order());
        var sheet = new StreamReader(zip.GetEntry("passwords.csv")!.Open()).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var passwords = result.GetProperty("passwords").EnumerateArray().ToList();
        Assert.Equal(2, passwords.Select(p => p.Str("password")).Distinct().Count());
        foreach (var entry in passwords)
        {
            var file = entry.Str("fileName")!;
            zip.GetEntry(file)!.ExtractToFile(Path.Combine(_folder.Path, file));
            Assert.Contains(sheet, l => l.EndsWith($",{file},{entry.Str("password")}", StringComparison.Ordinal));
            var info = OpenSsl.Ok(_folder.Path, "pkcs12", "-in", file, "-passin", $"pass:{entry.Str("password")}", "-nodes", "-info");
            Assert.Contains("AES-256-CBC", info);
            Assert.Contains("PRIVATE KEY", info);
        }
        var gateway = await (await setup.Api.GetAsync($"/api/v1/client-certs/{passwords.Single(p => p.Str("commonName") == "vpn gw").Str("id")}")).JsonAsync();
        Assert.Equal(["dns:vpn.contoso.test", "dns:gw.contoso.test", "ip:10.1.0.1"], gateway.GetProperty("subjectAlternativeNames").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("server", gateway.Str("usage"));
        var audit = await setup.AuditAsync("client-cert.batch");
        Assert.Equal(2, audit.Count(e => e.Str("outcome") == "success"));
        Assert.Contains(audit, e => e.Str("outcome") == "failure" && e.Str("summary")!.Contains("line 3"));
        Assert.DoesNotContain(audit, e => passwords.Any(p => e.Str("summary")!.Contains(p.Str("password")!)));
    }

    [Theory]
    [InlineData("broken-quoting", "quoted field is never closed")]
    [InlineData("quote-inside", "quote inside a field")]
    [InlineData("ten-thousand", "10,000 lines")]
    public async Task A_file_that_cannot_be_read_whole_is_refused_and_issues_nothing(string kind, string expected)
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var ca = await setup.CreateCaAsync("CN=Contoso VPN,O=Contoso");
        var csv = kind switch
        {
            "broken-quoting" => "commonName,email\nalice,alice@contoso.test\n\"bob,bob@contoso.test\ncarol,carol@contoso.test\n",
            "quote-inside" => "alice,alice@contoso.test\nbo\"b,bob@contoso.test\n",
            _ => "commonName,email\n" + string.Concat(Enumerable.Range(1, 10_000).Select(i => $"user{i},user{i}@contoso.test\n")),
        };

        var response = await PostAsync(setup, Guid.Parse(ca.Str("id")!), csv);

        Assert.Contains(expected, string.Join(" ", await ProblemAssert.IsInvalidFieldAsync(response, "file")));
        Assert.Equal(0, await setup.CountAsync());
        Assert.Contains(await setup.AuditAsync("client-cert.batch"), e => e.Str("outcome") == "failure" && e.Str("summary")!.Contains(expected));
    }

    [Fact]
    public async Task A_batch_without_a_header_in_the_legacy_flavour_gives_3des_pfx_files()
    {
        var setup = await ClientCertSetup.CreateAsync(portal);
        var ca = await setup.CreateCaAsync("CN=Contoso VPN,O=Contoso");

        var result = await (await PostAsync(setup, Guid.Parse(ca.Str("id")!), "erin,erin@contoso.test,Contoso,client,,30,rsa2048\n", "legacy")).JsonAsync();

        var entry = Assert.Single(result.GetProperty("passwords").EnumerateArray());
        using var zip = new ZipArchive(new MemoryStream(Convert.FromBase64String(result.Str("zipBase64")!)));
        zip.GetEntry("erin.pfx")!.ExtractToFile(Path.Combine(_folder.Path, "erin.pfx"));
        var info = OpenSsl.Ok(_folder.Path, "pkcs12", "-legacy", "-in", "erin.pfx", "-passin", $"pass:{entry.Str("password")}", "-nodes", "-info");
        Assert.Contains("pbeWithSHA1And3-KeyTripleDES-CBC", info);
    }

    private static async Task<HttpResponseMessage> PostAsync(ClientCertSetup setup, Guid caId, string csv, string? flavour = null)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "users.csv" },
            { new StringContent(caId.ToString()), "caId" },
        };
        if (flavour is not null)
            form.Add(new StringContent(flavour), "flavour");
        return await setup.Api.PostAsync("/api/v1/client-certs/batch", form);
    }

    public void Dispose() => _folder.Dispose();
}
