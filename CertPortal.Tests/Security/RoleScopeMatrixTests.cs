using System.Net;
using System.Text;
using CertPortal.Features.CertificateAuthorities;
using CertPortal.Features.ClientCerts;
using System.Text.Json;
using CertPortal.Data;
using CertPortal.Features.Certificates.Accounts;
using CertPortal.Features.DnsProviders;
using CertPortal.Features.Notifications;
using CertPortal.Features.Notifications.Channels;
using CertPortal.Features.Users;
using CertPortal.Security;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CertPortal.Tests.Security;

/// <summary>
/// Every /api/v1 route and every page, read from the app's own endpoint data source so a new route cannot escape,
/// × anonymous, readonly, technician, admin, a person limited to customer B and a token limited to customer B.
/// Route ids are customer A's objects: B's callers must find nothing of A's (404, or lists and pages without A).
/// </summary>
public sealed class RoleScopeMatrixTests(PortalFactory portal, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    private static readonly string[] Callers = ["anonymous", "readonly", "technician", "admin", "scoped person", "scoped token"];

    [Fact]
    public async Task No_caller_reaches_more_than_its_role_and_customers_allow_on_any_route()
    {
        var world = await SeedAsync();
        var apiRoutes = Routes().Where(r => r.Pattern.StartsWith("api/v1/")).ToList();
        var pageRoutes = Routes().Where(r => r.IsPage).ToList();
        var failures = new List<string>();
        var apiCalls = 0;
        var pageCalls = 0;
        // So the leak checks cannot pass vacuously: the same pages do show A's objects to an admin.
        var pagesShowingAToAdmin = 0;

        foreach (var caller in Callers)
        {
            var client = await ClientAsync(caller, world);
            foreach (var route in apiRoutes)
            {
                apiCalls++;
                // Workers' writes go to unknown ids, so A's objects stay for the other callers' rows.
                var destructive = route.Method != "GET" && caller is "technician" or "admin";
                var path = Fill(route.Pattern, world, destructive);
                var request = new HttpRequestMessage(new HttpMethod(route.Method), "/" + path);
                if (route.Method is "POST" or "PUT")
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var why = Judge(caller, route, path, status, body, world);
                if (why is not null)
                    failures.Add($"{caller,-13} {route.Method,-6} /{path} → {status}: {why}");
            }
            foreach (var route in pageRoutes)
            {
                pageCalls++;
                var path = Fill(route.Pattern, world, destructive: false);
                var response = await client.GetAsync("/" + path);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                if (caller == "admin" && world.Leaks(body) is not null)
                    pagesShowingAToAdmin++;
                if (status >= 500)
                    failures.Add($"{caller,-13} PAGE   /{path} → {status}");
                else if (caller.StartsWith("scoped") && world.Leaks(body) is { } leak)
                    failures.Add($"{caller,-13} PAGE   /{path} → {status}: shows customer A's {leak}");
                else if (caller is "anonymous" or "scoped token" && !route.AllowsAnonymous && status != 302)
                    failures.Add($"{caller,-13} PAGE   /{path} → {status}: expected the redirect to sign-in");
            }
        }

        output.WriteLine($"API: {apiRoutes.Count} routes × {Callers.Length} callers = {apiCalls} calls; pages: {pageRoutes.Count} routes × {Callers.Length} callers = {pageCalls} GETs; {pagesShowingAToAdmin} page(s) show A's objects to an admin; {failures.Count} failure(s).");
        foreach (var failure in failures)
            output.WriteLine(failure);
        Assert.True(apiRoutes.Count >= 80, $"only {apiRoutes.Count} API routes found");
        Assert.True(pageRoutes.Count >= 25, $"only {pageRoutes.Count} pages found");
        Assert.True(pagesShowingAToAdmin >= 5, $"only {pagesShowingAToAdmin} pages show customer A's objects to an admin");
        Assert.Empty(failures);
    }

    /// <summary>Why the answer is wrong, or null when it is right.</summary>
    private static string? Judge(string caller, RouteInfo route, string path, int status, string body, World world)
    {
        // A 502 problem is the portal saying an outside system failed (the world's ACME account names a CA that does
        // not exist); any other 5xx is the portal's own fault.
        if (status >= 500 && !(status == 502 && body.Contains("\"status\":502", StringComparison.Ordinal)))
            return "server error";
        if (route.AllowsAnonymous)
            return caller.StartsWith("scoped") && world.Leaks(body) is { } open ? $"shows customer A's {open}" : null;
        if (caller is "anonymous" or "scoped person") // the API takes tokens only; a sign-in cookie is not one
            return status == 401 ? null : "expected 401";
        if (status == 401)
            return "a valid token was refused as unauthenticated";
        if (caller == "readonly" && route.Method != "GET" && status != 403)
            return "a readonly token changed something";
        if (caller is "readonly" or "technician" or "admin" && route.Method == "GET" && status == 404 && world.NamesAnObjectOfA(path) && !route.Pattern.Contains("{runId"))
            return "someone who sees every customer could not find customer A's object";
        if (caller != "scoped token")
            return null;
        // The audit log shows a token its own refused calls, whose paths hold the ids it tried: names only there.
        if (status is >= 200 and < 300 && world.Leaks(body, idsToo: !path.StartsWith("api/v1/audit")) is { } leak)
            return $"shows customer A's {leak}";
        // An id of A's in the path: as unknown as a wrong id, or refused outright for scoped tokens.
        if (world.NamesAnObjectOfA(path) && status is not (404 or 403))
            return "expected 404 for another customer's object";
        return null;
    }

    private IReadOnlyList<RouteInfo> Routes()
    {
        var routes = new List<RouteInfo>();
        foreach (var endpoint in portal.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetMetadata<IAuthorizeData>() is null;
            if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
                routes.Add(new RouteInfo("GET", pattern, anonymous, IsPage: true));
            else if (pattern.StartsWith("api/v1/"))
                foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                    routes.Add(new RouteInfo(method, pattern, anonymous, IsPage: false));
        }
        return routes.DistinctBy(r => (r.Method, r.Pattern, r.IsPage)).OrderBy(r => r.Pattern).ThenBy(r => r.Method).ToList();
    }

    /// <summary>Fills {id} with customer A's object of the route's kind (an unknown id when there is none, or for writes of workers).</summary>
    private static string Fill(string pattern, World world, bool destructive)
    {
        var segments = pattern.Split('/');
        var kind = segments.FirstOrDefault(s => s is not ("api" or "v1" or "reports")) ?? "";
        for (var i = 0; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{'))
                continue;
            var name = segments[i].Trim('{', '}').Split(':')[0].ToLowerInvariant();
            segments[i] = destructive || name.Contains("run") ? Guid.NewGuid().ToString() : world.IdFor(kind);
        }
        var path = string.Join('/', segments);
        // A download without a format is refused (400) before any lookup; ask for one so the lookup is what answers.
        return path.EndsWith("/download") ? path + "?format=pem-cert" : path;
    }

    private async Task<HttpClient> ClientAsync(string caller, World world)
    {
        switch (caller)
        {
            case "anonymous":
                return portal.BrowserLikeClient();
            case "scoped token":
                return Bearer(await portal.CreateTokenAsync("technician", world.CustomerB));
            case "scoped person":
            {
                var client = portal.BrowserLikeClient();
                await client.SignInAsync(world.ScopedPersonEmail, TestPasswords.Default);
                return client;
            }
            default:
            {
                // A person of that role (cookie, for pages) who also holds a token of that role (for the API).
                var email = $"{caller}-{Guid.NewGuid():N}"[..20] + "@matrix.test";
                await portal.CreateUserAsync(email, Roles.FromApiName(caller)!);
                var client = portal.BrowserLikeClient();
                await client.SignInAsync(email, TestPasswords.Default);
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await portal.CreateTokenAsync(caller));
                return client;
            }
        }
    }

    // The bearer header makes the API see the token; pages ignore it and see no sign-in.
    private HttpClient Bearer(string token)
    {
        var client = portal.BrowserLikeClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<World> SeedAsync()
    {
        var customerA = await portal.SeedCustomerAsync(PortalSeed.UniqueName("MatrixA"));
        var customerB = await portal.SeedCustomerAsync(PortalSeed.UniqueName("MatrixB"));
        var marker = $"a-{Guid.NewGuid():N}"[..14] + ".matrix.test";
        using var chain = new TestChain(marker);
        var certificate = await portal.ImportAsync(customerA.Id, chain);
        var target = await portal.SeedManualTargetAsync(customerA.Id, PortalSeed.UniqueName("TargetA"));
        var deployment = await portal.BindAsync(certificate.Id, target.Id);
        var ids = await portal.InScopeAsync(async sp =>
        {
            var actor = Actor.CommandLine("test");
            var ca = (await sp.GetRequiredService<CaService>().CreateAsync(new CaInput(customerA.Id, PortalSeed.UniqueName("CaA"), "CN=Matrix A CA", "ec256", 30), actor)).Value!;
            var client = (await sp.GetRequiredService<ClientCertService>().IssueAsync(new ClientCertInput(ca.Id, "client-" + marker), actor)).Value!;
            var dns = (await sp.GetRequiredService<DnsProviderService>().CreateAsync(new DnsProviderInput(customerA.Id, PortalSeed.UniqueName("DnsA"), "manual", [], []), actor)).Value!;
            var channel = (await sp.GetRequiredService<ChannelService>().CreateAsync(new ChannelInput(PortalSeed.UniqueName("ChannelA"), "webhook", customerA.Id,
                ["certificate.expiring"], new() { ["url"] = JsonSerializer.SerializeToElement("http://127.0.0.1:9/hook") }, new() { ["signingKey"] = "matrix-key" }), actor)).Value!;
            // An ACME account and a sent notification need a CA and a mail server to come about; the rows are what matter here.
            await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var account = new AcmeRegistration { Id = Guid.NewGuid(), CustomerId = customerA.Id, Name = PortalSeed.UniqueName("AcmeA"), DirectoryUrl = "https://acme.matrix.test/directory",
                Email = "ops@matrix.test", SealedAccountKey = "-", AccountUrl = "https://acme.matrix.test/acct/1", CreatedAt = portal.Clock.GetUtcNow().UtcDateTime };
            var notification = new Notification { Id = Guid.NewGuid(), AlertId = Guid.NewGuid(), Kind = "certificate.expiring", CustomerId = customerA.Id, ObjectType = "certificate",
                ObjectId = certificate.Id, To = "ops@matrix.test", Subject = marker + " expires", Outcome = NotificationOutcomes.Failed, At = portal.Clock.GetUtcNow().UtcDateTime };
            db.AddRange(account, notification);
            await db.SaveChangesAsync();
            return (Ca: ca.Id, Client: client.Id, Dns: dns.Id, Channel: channel.Id, Account: account.Id, Notification: notification.Id);
        });
        var personOfA = await portal.CreateUserAsync($"of-a-{Guid.NewGuid():N}"[..20] + "@matrix.test", Roles.ReadOnly);
        await portal.InScopeAsync(sp => sp.GetRequiredService<UserService>().SetCustomersAsync(personOfA.Id, [customerA.Id]));
        var email = $"scoped-{Guid.NewGuid():N}"[..20] + "@matrix.test";
        var person = await portal.CreateUserAsync(email, Roles.Technician);
        await portal.InScopeAsync(sp => sp.GetRequiredService<UserService>().SetCustomersAsync(person.Id, [customerB.Id]));
        return new World(customerA.Id, customerA.Name, customerB.Id, marker, email, new Dictionary<string, Guid>
        {
            ["customers"] = customerA.Id, ["certificates"] = certificate.Id, ["targets"] = target.Id, ["deployments"] = deployment.Id,
            ["cas"] = ids.Ca, ["client-certs"] = ids.Client, ["dns-providers"] = ids.Dns, ["notification-channels"] = ids.Channel,
            ["acme-accounts"] = ids.Account, ["notifications"] = ids.Notification,
        }, personOfA.Id);
    }

    private sealed record RouteInfo(string Method, string Pattern, bool AllowsAnonymous, bool IsPage);

    private sealed record World(Guid CustomerA, string CustomerAName, Guid CustomerB, string Marker, string ScopedPersonEmail, Dictionary<string, Guid> ObjectsOfA,
        string UserOfA)
    {
        /// <summary>A's object of that kind; a user limited to A for the users routes; else an id nobody has.</summary>
        public string IdFor(string kind) => kind == "users" ? UserOfA : (ObjectsOfA.TryGetValue(kind, out var id) ? id : Guid.NewGuid()).ToString();

        public bool NamesAnObjectOfA(string path) =>
            path.Contains(CustomerA.ToString()) || ObjectsOfA.Values.Any(id => path.Contains(id.ToString()));

        /// <summary>What of customer A's a body shows: its name, its certificate's name or an id of its objects.</summary>
        public string? Leaks(string body, bool idsToo = true) =>
            body.Contains(CustomerAName, StringComparison.OrdinalIgnoreCase) ? "name"
            : body.Contains(Marker, StringComparison.OrdinalIgnoreCase) ? "certificate"
            : !idsToo ? null
            : ObjectsOfA.FirstOrDefault(o => body.Contains(o.Value.ToString())) is { Key: { } kind } ? $"{kind} id" : null;
    }
}
