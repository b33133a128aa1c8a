using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Acme;

namespace CertPortal.Tests.Acme;

/// <summary>ARI (RFC 9773): the CA says when to renew. Pebble plus a small directory simulator that adds renewalInfo.</summary>
public sealed class RenewalInfoTests(PebbleFixture pebble) : IClassFixture<PebbleFixture>
{
    [Fact]
    public async Task The_certificate_id_is_the_akis_key_id_and_the_serial_as_openssl_reads_them()
    {
        var leaf = await IssueAsync("ari-id.example.test");
        var (aki, serial) = await OpenSslAkiAndSerialAsync(leaf);
        Assert.Equal($"{Base64Url.Encode(Convert.FromHexString(aki))}.{Base64Url.Encode(Convert.FromHexString(serial))}", AcmeClient.CertificateId(leaf));
    }

    [Fact]
    public async Task The_suggested_window_is_read_from_renewal_info_and_an_unknown_certificate_has_none()
    {
        await using var ari = await AriDirectorySimulator.StartAsync(pebble);
        var leaf = await IssueAsync("ari-window.example.test");
        var start = DateTimeOffset.UtcNow.AddDays(10);
        ari.Suggest(AcmeClient.CertificateId(leaf)!, start, start.AddDays(2));

        using var key = AcmeAccountKey.CreateEs256();
        var client = new AcmeClient(AcmeClient.CreateHttpClient(pebble.TlsRootPem), ari.DirectoryUrl, key);
        var info = await client.GetRenewalInfoAsync(leaf);

        Assert.NotNull(info);
        Assert.Equal(start, info!.WindowStart, TimeSpan.FromSeconds(1));
        Assert.Equal(start.AddDays(2), info.WindowEnd, TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromHours(6), info.RetryAfter);
        Assert.Equal("https://ca.example/incident-42", info.ExplanationUrl!.AbsoluteUri);

        var other = await IssueAsync("ari-unknown.example.test");
        Assert.Null(await client.GetRenewalInfoAsync(other));
        Assert.Equal(2, ari.Asked.Count);
    }

    [Fact]
    public async Task A_directory_without_renewal_info_gives_no_window()
    {
        using var key = AcmeAccountKey.CreateEs256();
        var leaf = await IssueAsync("no-ari.example.test");
        Assert.Null(await pebble.NewClient(key).GetRenewalInfoAsync(leaf));
    }

    private async Task<X509Certificate2> IssueAsync(string name)
    {
        using var key = AcmeAccountKey.CreateEs256();
        var client = pebble.NewClient(key);
        await client.NewAccountAsync([]);
        return Dns01Issuance.Leaf((await Dns01Issuance.IssueAsync(pebble, client, name)).Chain);
    }

    private static async Task<(string Aki, string Serial)> OpenSslAkiAndSerialAsync(X509Certificate2 certificate)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, certificate.ExportCertificatePem());
        try
        {
            var info = new ProcessStartInfo("openssl", ["x509", "-in", file, "-noout", "-serial", "-ext", "authorityKeyIdentifier"]) { RedirectStandardOutput = true };
            using var openssl = Process.Start(info)!;
            var output = await openssl.StandardOutput.ReadToEndAsync();
            await openssl.WaitForExitAsync();
            var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var serial = lines.First(l => l.StartsWith("serial=")).Split('=')[1];
            // The DER INTEGER keeps a leading 00 when the high bit is set; openssl prints the value without it.
            if (Convert.FromHexString(serial.PadLeft(serial.Length + serial.Length % 2, '0'))[0] >= 0x80)
                serial = "00" + serial;
            var aki = lines.Last(l => l.Contains(':')).Replace("keyid:", "").Replace(":", "");
            return (aki, serial.PadLeft(serial.Length + serial.Length % 2, '0'));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
