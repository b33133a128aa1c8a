using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using CertPortal.Ftp;
using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CertPortal.Tests.Targets.Simulators;

/// <summary>
/// A SonicWall's SonicOS API (<c>/api/sonicos</c>) as the vendor documents it: HTTPS with a self-signed management
/// certificate, Basic login to one session at a time, the status envelope, imports (PKCS#12 body or fetched from an
/// ftp:// URL), staged configuration that is lost without <c>POST /config/pending</c>. The API's port presents the
/// committed HTTPS management certificate (so a committed change is met by the next connection); a second port is
/// HTTPS management on another interface. <see cref="FailAt"/> makes a step answer the vendor's error envelope.
/// </summary>
public sealed class SonicWallSimulator : IAsyncDisposable
{
    public const string User = "admin";
    public const string Password = "sonic-Pa55";

    private readonly X509Certificate2 _management;
    private readonly Dictionary<string, X509Certificate2> _certificates = new();
    private readonly object _gate = new();
    private WebApplication? _app;
    private bool _session;
    private JsonObject _committed = Global(null), _staged = Global(null);
    private X509Certificate2? _kept;

    public SonicWallSimulator()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var made = new CertificateRequest("CN=192.168.168.168", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        _management = X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
    }

    public int ApiPort { get; } = FreePort.Next();

    /// <summary>HTTPS management on another interface: serves what the API's port serves.</summary>
    public int ServingPort { get; } = FreePort.Next();

    public string BaseUrl => $"https://127.0.0.1:{ApiPort}";

    public string ManagementSha256 => Convert.ToHexStringLower(SHA256.HashData(_management.RawData));

    /// <summary>"auth", "import", "bind", "commit": that call answers success=false with a vendor-style message; "html": the login answers the web UI's HTML (API disabled).</summary>
    public string? FailAt { get; set; }

    /// <summary>How many more logins another API client's session refuses ("in use"), even with override.</summary>
    public int OtherSessionRefusals { get; set; }

    public int Logins { get; private set; }

    public int Logouts { get; private set; }

    public bool SessionOpen { get { lock (_gate) return _session; } }

    /// <summary>The name bound to HTTPS management in the committed configuration.</summary>
    public string? BoundName { get { lock (_gate) return Bound(_committed); } }

    public IReadOnlyCollection<string> Imported { get { lock (_gate) return _certificates.Keys.ToList(); } }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, ApiPort, listen => listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => Served()));
            kestrel.Listen(IPAddress.Loopback, ServingPort, listen => listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => Served()));
        });
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            // The firewall restarts HTTPS management when a committed change swaps its certificate: this connection
            // ends, and the next call's handshake meets the new certificate.
            var before = Served();
            context.Response.OnStarting(() =>
            {
                if (!ReferenceEquals(before, Served()))
                    context.Response.Headers.Connection = "close";
                return Task.CompletedTask;
            });
            try
            {
                await next(context);
            }
            catch (Exception e)
            {
                // The simulator's own bug: say so on the test run's console rather than as a bare 500.
                Console.Error.WriteLine($"SonicWall simulator failed {context.Request.Method} {context.Request.Path}: {e}");
                throw;
            }
        });
        _app.MapPost("/api/sonicos/auth", Login);
        _app.MapDelete("/api/sonicos/auth", () => { lock (_gate) { Logouts++; _session = false; _staged = _committed.DeepClone().AsObject(); } return Ok(); });
        _app.MapGet("/api/sonicos/version", () => Authorized() ?? Results.Json(new JsonObject { ["model"] = "TZ 370", ["firmware_version"] = "SonicOS 7.0.1-5145" }));
        _app.MapGet("/api/sonicos/reporting/certificates", () => Authorized() ?? Results.Json(new JsonObject { ["certificates"] = new JsonArray(Imported.Select(n => (JsonNode)new JsonObject { ["name"] = n }).ToArray()) }));
        _app.MapPut("/api/sonicos/import/certificates/cert-key-pair/name/{name}/password/{password}", async (string name, string password, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            return Authorized() ?? Fail("import") ?? Import(name, body.ToArray(), password);
        });
        _app.MapPost("/api/sonicos/certificates/import/cert-key-pair-ftp/name/{name}/password/{password}/url/{**url}", ImportFromFtp);
        _app.MapGet("/api/sonicos/administration/global", () => { lock (_gate) return Authorized() ?? Results.Json(_staged); });
        _app.MapPut("/api/sonicos/administration/global", async (HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body) as JsonObject;
            if ((Authorized() ?? Fail("bind")) is { } refused)
                return refused;
            lock (_gate)
            {
                if (Bound(body) is not { } name || !_certificates.ContainsKey(name))
                    return Error(HttpStatusCode.BadRequest, "E_INVALID", $"Certificate '{Bound(body)}' not found.");
                _staged = body!;
            }
            return Ok();
        });
        _app.MapPost("/api/sonicos/config/pending", () => { lock (_gate) { if ((Authorized() ?? Fail("commit")) is { } refused) return refused; _committed = _staged.DeepClone().AsObject(); } return Ok(); });
        await _app.StartAsync();
    }

    private async Task<IResult> Login(HttpRequest request)
    {
        if (Fail("auth") is { } failed)
            return failed;
        if (FailAt == "html")
            return Results.Content("<html><body>SonicWall - Authentication</body></html>", "text/html");
        var body = request.ContentLength > 0 ? await JsonNode.ParseAsync(request.Body) : null;
        var takeOver = body?["override"]?.GetValue<bool>() == true;
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));
        if (request.Headers.Authorization.ToString() != expected)
            return Error(HttpStatusCode.Unauthorized, "E_UNAUTHORIZED", "Unauthorized.");
        lock (_gate)
        {
            if (OtherSessionRefusals > 0)
            {
                OtherSessionRefusals--;
                return Error(HttpStatusCode.Forbidden, "E_BUSY", "Another administrator is currently managing this appliance; API session in use.");
            }
            if (_session && !takeOver)
                return Error(HttpStatusCode.Forbidden, "E_BUSY", "Another administrator session is in use; log in with override to take over.");
            Logins++;
            _session = true;
            _staged = _committed.DeepClone().AsObject();
        }
        return Ok();
    }

    private async Task<IResult> ImportFromFtp(string name, string password, HttpContext context)
    {
        if ((Authorized() ?? Fail("import")) is { } refused)
            return refused;
        // The URL arrives with "//" as %2f%2f and its user and password percent-escaped: read the request line as sent.
        var raw = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
        var encoded = raw[(raw.IndexOf("/url/", StringComparison.Ordinal) + 5)..].TrimEnd('/');
        var url = new Uri(encoded.Replace("%2f%2f", "//", StringComparison.OrdinalIgnoreCase));
        var credentials = url.UserInfo.Split(':');
        byte[] pfx;
        try
        {
            await using var ftp = await FtpClient.ConnectAsync(new FtpConnection(url.Host, url.Port,
                Uri.UnescapeDataString(credentials[0]), Uri.UnescapeDataString(credentials[1])), context.RequestAborted);
            pfx = await ftp.DownloadAsync(url.AbsolutePath.TrimStart('/'), context.RequestAborted);
        }
        catch (FtpException e)
        {
            return Error(HttpStatusCode.BadRequest, "E_FAILED", $"Failed to download certificate: {e.Message}");
        }
        return Import(name, pfx, password);
    }

    private IResult Import(string name, byte[] pfx, string password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(pfx, password);
        }
        catch (CryptographicException)
        {
            return Error(HttpStatusCode.BadRequest, "E_INVALID", "Invalid certificate file or password.");
        }
        lock (_gate)
        {
            if (_certificates.ContainsKey(name))
                return Error(HttpStatusCode.BadRequest, "E_EXISTS", $"Certificate '{name}' already exists.");
            _certificates[name] = certificate;
        }
        return Ok();
    }

    /// <summary>The device accepts every change from now on but keeps serving what it serves now.</summary>
    public void KeepServingCurrent() => _kept = Served();

    private X509Certificate2 Served()
    {
        lock (_gate)
            return _kept ?? (Bound(_committed) is { } name && _certificates.TryGetValue(name, out var certificate) ? certificate : _management);
    }

    private IResult? Authorized()
    {
        lock (_gate)
            return _session ? null : Error(HttpStatusCode.Unauthorized, "E_UNAUTHORIZED", "Not authenticated.");
    }

    private IResult? Fail(string step) => FailAt == step ? Error(HttpStatusCode.InternalServerError, "E_FAILED", $"Simulated failure at {step}.") : null;

    private static string? Bound(JsonNode? global) => global?["administration"]?["web_management"]?["certificate"]?["name"]?.GetValue<string>();

    private static JsonObject Global(string? name) => new()
    {
        ["administration"] = new JsonObject
        {
            ["firewall_name"] = "C0EAE4000000",
            ["web_management"] = new JsonObject { ["port"] = 443, ["certificate"] = name is null ? new JsonObject { ["use_self_signed"] = true } : new JsonObject { ["name"] = name } },
        },
    };

    private static IResult Ok() => Results.Json(Envelope(true, "E_OK", "Success."));

    private static IResult Error(HttpStatusCode status, string code, string message) => Results.Json(Envelope(false, code, message), statusCode: (int)status);

    private static JsonObject Envelope(bool success, string code, string message) => new()
    {
        ["status"] = new JsonObject
        {
            ["success"] = success,
            ["info"] = new JsonArray(new JsonObject { ["level"] = success ? "info" : "error", ["code"] = code, ["message"] = message }),
        },
    };

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        _management.Dispose();
        lock (_gate)
            foreach (var certificate in _certificates.Values)
                certificate.Dispose();
    }
}
