using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Endpoints;

/// <summary>
/// One nginx on a loopback port serving a certificate of its own chain (root → intermediate → leaf): the whole chain,
/// or the leaf alone (an incomplete chain). <see cref="ReplaceAsync"/> is an operator putting another certificate in
/// place: files rewritten, nginx reloaded.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TlsSite : IDisposable
{
    private readonly NginxServer _nginx;

    private TlsSite(string name, bool leafOnly)
    {
        _nginx = new NginxServer($"site-{name}");
        (Name, LeafOnly) = (name, leafOnly);
    }

    public string Name { get; }

    public bool LeafOnly { get; }

    public TestChain Chain { get; private set; } = null!;

    public int Port => _nginx.Port;

    public string Thumbprint => Convert.ToHexStringLower(SHA256.HashData(Chain.Leaf.RawData));

    private string CertPath => Path.Combine(_nginx.Folder, "served.pem");

    private string KeyPath => Path.Combine(_nginx.Folder, "served.key");

    public static async Task<TlsSite> StartAsync(string commonName, bool leafOnly = false, int days = 90)
    {
        var site = new TlsSite(commonName, leafOnly);
        await site.WriteAsync(new TestChain(commonName, days));
        await site._nginx.StartAsync($$"""
                    ssl_certificate {{site.CertPath}};
                    ssl_certificate_key {{site.KeyPath}};
                    location / { return 200 "ok\n"; }
            """);
        return site;
    }

    /// <summary>Serves a new certificate (another chain, same name) from the next handshake on; waits until nginx does.</summary>
    public async Task ReplaceAsync(int days = 90)
    {
        var before = Thumbprint;
        Chain.Dispose();
        await WriteAsync(new TestChain(Name, days));
        await _nginx.ReloadAsync();
        var served = await ServedThumbprint.WaitForChangeAsync(Port, Name, before);
        Assert.Equal(Thumbprint, served);
    }

    /// <summary>Imports this site's certificate with its key into the portal, as a certificate the portal then knows; returns its id.</summary>
    public async Task<string> ImportAsync(HttpClient api, Guid customerId)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.ASCII.GetBytes(Chain.LeafPem + Chain.KeyPem + Chain.IntermediatePem)), "file", "site.pem" },
            { new StringContent(customerId.ToString()), "customerId" },
        };
        var response = await api.PostAsync("/api/v1/certificates/import", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task WriteAsync(TestChain chain)
    {
        Chain = chain;
        var root = chain.Root.ExportCertificatePem() + "\n";
        await File.WriteAllTextAsync(CertPath, LeafOnly ? chain.LeafPem : chain.LeafPem + chain.IntermediatePem + root);
        await File.WriteAllTextAsync(KeyPath, chain.KeyPem);
    }

    public void Dispose()
    {
        _nginx.Dispose();
        Chain.Dispose();
    }
}
