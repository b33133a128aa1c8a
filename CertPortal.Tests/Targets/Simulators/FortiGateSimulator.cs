using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CertPortal.Tests.Targets.Simulators;

/// <summary>
/// FortiOS REST as the vendor documents it: Bearer token (else 401), the JSON envelope with negative error codes,
/// PKCS#12 import that never overwrites (HTTP 500), CA import (-328 exists), admin GUI and SSL-VPN binding, delete
/// refused with -23 while bound, CRL import (replacing the CRL of the same issuer; a CRL whose issuer is no imported CA
/// is refused, as a device cannot check its signature), and the CA and CRL lists read back. The management port presents the admin GUI certificate (<c>admin-server-cert</c>)
/// once bound, the second port is SSL-VPN. <see cref="FailAt"/> makes a step answer an error.
/// </summary>
public sealed class FortiGateSimulator : IAsyncDisposable
{
    public const string Token = "fgt-test-token";

    private TlsSimulatorHost host = null!;

    public ConcurrentDictionary<string, X509Certificate2> Local { get; } = new();

    /// <summary>Imported CAs: SHA-1 thumbprint → PEM.</summary>
    public ConcurrentDictionary<string, string> Cas { get; } = new();

    /// <summary>Imported CRLs: issuer (DER of the name, base64) → CRL DER.</summary>
    public ConcurrentDictionary<string, byte[]> Crls { get; } = new();

    public string? AdminServerCert { get; set; }

    public string? SslVpnCert { get; private set; }

    public bool HasSslVpn { get; set; } = true;

    /// <summary>Answers every call with a login page, as a proxy or the wrong port would.</summary>
    public bool AnswerHtml { get; set; }

    /// <summary>Step ("import", "ca", "crl", "bind-gui", "bind-sslvpn", "delete") → FortiOS error code it answers with.</summary>
    public ConcurrentDictionary<string, int> FailAt { get; } = new();

    public string BaseUrl => host.BaseUrl;

    public int ApiPort => host.ApiPort;

    /// <summary>SSL-VPN's port.</summary>
    public int ServedPort => host.ServedPort;

    /// <summary>The device accepts every change from now on but keeps serving what it serves now.</summary>
    public void KeepServingCurrent() => host.KeepServingCurrent();

    public string ManagementSha256 => host.ManagementSha256;

    public static async Task<FortiGateSimulator> StartAsync()
    {
        var simulator = new FortiGateSimulator();
        simulator.host = await TlsSimulatorHost.StartAsync(simulator.Map,
            () => simulator.AdminServerCert is { } name ? simulator.Local.GetValueOrDefault(name) : null,
            () => simulator.SslVpnCert is { } name ? simulator.Local.GetValueOrDefault(name) : null);
        return simulator;
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (AnswerHtml)
                await context.Response.WriteAsync("<html><body>Please log in</body></html>");
            else if (context.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
                context.Response.StatusCode = 401;
            else
                await next(context);
        });
        app.MapGet("/api/v2/monitor/system/status", () => Envelope(200, new { hostname = "FGT-SIM", model_name = "FortiGate" }));
        app.MapPost("/api/v2/monitor/vpn-certificate/local/import", (JsonElement body) => Import(body));
        app.MapPost("/api/v2/monitor/vpn-certificate/ca/import", (JsonElement body) => ImportCa(body));
        app.MapPost("/api/v2/monitor/vpn-certificate/crl/import", (JsonElement body) => ImportCrl(body));
        app.MapGet("/api/v2/cmdb/vpn.certificate/ca", () => Envelope(200, Cas.Values.Select((pem, i) => new { name = $"CA_Cert_{i + 1}", ca = pem }).ToArray()));
        app.MapGet("/api/v2/cmdb/vpn.certificate/crl", () =>
            Envelope(200, Crls.Values.Select((der, i) => new { name = $"CRL_{i + 1}", crl = PemEncoding.WriteString("X509 CRL", der) }).ToArray()));
        app.MapPut("/api/v2/cmdb/system/global", (JsonElement body) => Bind("bind-gui", body.GetProperty("admin-server-cert").GetString()!, name => AdminServerCert = name));
        app.MapPut("/api/v2/cmdb/vpn.ssl/settings", (JsonElement body) =>
            HasSslVpn ? Bind("bind-sslvpn", body.GetProperty("servercert").GetString()!, name => SslVpnCert = name) : Results.NotFound());
        app.MapGet("/api/v2/cmdb/vpn.certificate/local", () => Envelope(200, Local.Keys.Select(name => new { name }).ToArray()));
        app.MapGet("/api/v2/cmdb/vpn.certificate/local/{name}", (string name) =>
            Local.ContainsKey(name) ? Envelope(200, new[] { new { name } }) : Error(404, -3));
        app.MapDelete("/api/v2/cmdb/vpn.certificate/local/{name}", (string name) => Delete(name));
    }

    private IResult Import(JsonElement body)
    {
        if (FailAt.TryGetValue("import", out var code))
            return Error(500, code);
        var name = body.GetProperty("certname").GetString()!;
        if (body.GetProperty("type").GetString() != "pkcs12" || name.Length > 35)
            return Error(500, -651);
        if (Local.ContainsKey(name))
            return Error(500, null);
        var pfx = Convert.FromBase64String(body.GetProperty("file_content").GetString()!);
        Local[name] = X509CertificateLoader.LoadPkcs12(pfx, body.GetProperty("password").GetString(), X509KeyStorageFlags.Exportable);
        return Envelope(200, new { });
    }

    private IResult ImportCa(JsonElement body)
    {
        if (FailAt.TryGetValue("ca", out var code))
            return Error(500, code);
        var pem = Encoding.ASCII.GetString(Convert.FromBase64String(body.GetProperty("file_content").GetString()!));
        using var ca = X509Certificate2.CreateFromPem(pem);
        return Cas.TryAdd(ca.Thumbprint, pem) ? Envelope(200, new { }) : Error(500, -328);
    }

    private IResult ImportCrl(JsonElement body)
    {
        if (FailAt.TryGetValue("crl", out var code))
            return Error(500, code);
        var pem = Encoding.ASCII.GetString(Convert.FromBase64String(body.GetProperty("file_content").GetString()!));
        var der = Convert.FromBase64String(pem[PemEncoding.Find(pem).Base64Data]);
        var issuer = Convert.ToBase64String(IssuerOf(der));
        if (!Cas.Values.Any(ca => SubjectOf(ca) == issuer))
            return Error(500, -1);
        Crls[issuer] = der;
        return Envelope(200, new { });
    }

    private static string SubjectOf(string pem)
    {
        using var ca = X509Certificate2.CreateFromPem(pem);
        return Convert.ToBase64String(ca.SubjectName.RawData);
    }

    // RFC 5280 §5.1: CertificateList → tbsCertList → [version], signature, issuer.
    private static byte[] IssuerOf(byte[] crl)
    {
        var tbs = new AsnReader(crl, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            tbs.ReadInteger();
        tbs.ReadEncodedValue();
        return tbs.ReadEncodedValue().ToArray();
    }

    private IResult Bind(string step, string name, Action<string> bind)
    {
        if (FailAt.TryGetValue(step, out var code))
            return Error(500, code);
        if (!Local.ContainsKey(name))
            return Error(500, -651);
        bind(name);
        return Envelope(200, new { });
    }

    private IResult Delete(string name)
    {
        if (FailAt.TryGetValue("delete", out var code))
            return Error(500, code);
        if (!Local.ContainsKey(name))
            return Error(404, -3);
        if (AdminServerCert == name || SslVpnCert == name)
            return Error(500, -23);
        Local.TryRemove(name, out _);
        return Envelope(200, new { });
    }

    private static IResult Envelope(int status, object results) => Results.Json(new
    {
        http_method = "GET", http_status = status, status = "success", vdom = "root", serial = "FGVMSIM000000001", version = "v7.4.5", build = 2702, results,
    }, statusCode: status);

    private static IResult Error(int status, int? code) => Results.Json(code is { } c
        ? new { http_status = status, status = "error", error = c, vdom = "root" } as object
        : new { http_status = status, status = "error", vdom = "root" }, statusCode: status);

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
