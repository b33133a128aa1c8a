using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CertPortal.Tests.DnsProviders.Simulators;

/// <summary>
/// acme-dns's HTTP API as its README documents it: <c>POST /register</c> (optional <c>allowfrom</c> CIDRs) answers 201
/// with <c>{username, password, fulldomain, subdomain, allowfrom}</c>; <c>POST /update</c> with <c>X-Api-User</c> and
/// <c>X-Api-Key</c> and <c>{subdomain, txt}</c> answers 200 <c>{txt}</c>, 401 for wrong credentials or a caller outside
/// allowfrom, 400 <c>bad_txt</c> unless txt is 43 characters, 400 <c>bad_subdomain</c> for another account's
/// subdomain. Each subdomain keeps its two newest values, served as real DNS by the test BIND under challenges.test.
/// </summary>
public sealed class AcmeDnsSimulator : IAsyncDisposable
{
    private readonly Dictionary<string, Account> _accounts = [];
    private readonly SemaphoreSlim _writes = new(1, 1);
    private WebApplication _app = default!;

    private AcmeDnsSimulator(BindFixture bind) => Dns = new SimulatedDns(bind);

    public string BaseUrl { get; private set; } = "";

    public SimulatedDns Dns { get; }

    private SimulatedZone Zone => Dns.Zones.Single(z => z.Name == BindFixture.DelegationZone);

    public static async Task<AcmeDnsSimulator> StartAsync(BindFixture bind)
    {
        var simulator = new AcmeDnsSimulator(bind);
        (simulator._app, simulator.BaseUrl) = await SimulatorHost.StartAsync(simulator.Map);
        return simulator;
    }

    /// <summary>The values a subdomain holds now, oldest first.</summary>
    public IReadOnlyList<string> Values(string subdomain)
    {
        lock (_accounts)
            return _accounts.Values.SingleOrDefault(a => a.Subdomain == subdomain)?.Txt.ToList() ?? [];
    }

    /// <summary>Registers as <c>POST /register</c> does, for tests that set up an account as an admin would by hand.</summary>
    public Account Register(params string[] allowFrom)
    {
        var account = new Account(Guid.NewGuid().ToString(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('/', '_').Replace('+', '-'),
            Guid.NewGuid().ToString(), allowFrom.Select(IPNetwork.Parse).ToList());
        lock (_accounts)
            _accounts[account.Username] = account;
        return account;
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/register", async (HttpRequest request) =>
        {
            var allowFrom = request.ContentLength > 0 && await JsonSerializer.DeserializeAsync<JsonElement>(request.Body) is { ValueKind: JsonValueKind.Object } body
                && body.TryGetProperty("allowfrom", out var cidrs) ? cidrs.EnumerateArray().Select(c => c.GetString()!).ToArray() : [];
            var account = Register(allowFrom);
            return Results.Json(new
            {
                username = account.Username, password = account.Password, fulldomain = Fulldomain(account), subdomain = account.Subdomain,
                allowfrom = account.AllowFrom.Select(n => n.ToString()),
            }, statusCode: 201);
        });
        app.MapPost("/update", async (HttpContext context, JsonElement body) =>
        {
            Account? account;
            lock (_accounts)
                account = _accounts.GetValueOrDefault(context.Request.Headers["X-Api-User"].ToString());
            if (account is null || account.Password != context.Request.Headers["X-Api-Key"].ToString()
                || account.AllowFrom.Count > 0 && !account.AllowFrom.Any(n => n.Contains(context.Connection.RemoteIpAddress!.MapToIPv4())))
                return Results.Json(new { error = "forbidden" }, statusCode: 401);
            if (body.GetProperty("subdomain").GetString() != account.Subdomain)
                return Results.Json(new { error = "bad_subdomain" }, statusCode: 400);
            if (body.GetProperty("txt").GetString() is not { Length: 43 } txt)
                return Results.Json(new { error = "bad_txt" }, statusCode: 400);
            await _writes.WaitAsync();
            try
            {
                lock (_accounts)
                {
                    account.Txt.Add(txt);
                    if (account.Txt.Count > 2)
                        account.Txt.RemoveAt(0);
                }
                await Dns.ReplaceAsync(Zone, Fulldomain(account), Values(account.Subdomain));
            }
            finally
            {
                _writes.Release();
            }
            return Results.Json(new { txt });
        });
    }

    public string Fulldomain(Account account) => $"{account.Subdomain}.{BindFixture.DelegationZone}";

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed record Account(string Username, string Password, string Subdomain, IReadOnlyList<IPNetwork> AllowFrom)
    {
        public List<string> Txt { get; } = [];
    }
}
