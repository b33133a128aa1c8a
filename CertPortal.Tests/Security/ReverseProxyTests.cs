using System.Net;
using System.Net.Sockets;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Hosting;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Security;

public sealed class ReverseProxyTests
{
    // Any 127.x address is loopback on Linux: the browser "client" connects from this one, nginx from 127.0.0.1.
    private static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.5");

    [Fact]
    public async Task Behind_a_known_TLS_proxy_the_audit_shows_the_client_and_the_cookie_is_secure()
    {
        await using var portal = new BrowserPortal(new Dictionary<string, string?> { ["CertPortal:ReverseProxy:KnownProxies:0"] = "127.0.0.1" });
        await portal.CreateUserAsync("remote@msp.test", Roles.Technician);
        using var nginx = new NginxServer("proxy");
        await nginx.StartTlsProxyAsync(portal.Port);
        using var client = ClientFrom(ClientAddress, new Uri($"https://127.0.0.1:{nginx.Port}"));

        var (signIn, body) = await client.PostSignInAsync("remote@msp.test", TestPasswords.Default);

        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"{(int)signIn.StatusCode} {FormSignIn.ErrorOf(body)}");
        var authCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("CertPortal.Auth", StringComparison.Ordinal));
        Assert.Contains("secure", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SecurityHeaders.StrictTransportSecurity, signIn.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal("127.0.0.5", await SignInAddressAsync(portal, "remote@msp.test"));
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_known_proxy_are_ignored()
    {
        await using var portal = new BrowserPortal(new Dictionary<string, string?>
        {
            ["CertPortal:ReverseProxy:KnownProxies:0"] = "10.9.9.9",
            ["CertPortal:ReverseProxy:KnownNetworks:0"] = "10.20.0.0/16",
        });
        await portal.CreateUserAsync("spoofer@msp.test", Roles.Technician);
        using var client = ClientFrom(IPAddress.Loopback, portal.ClientBaseAddress);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var (signIn, body) = await client.PostSignInAsync("spoofer@msp.test", TestPasswords.Default);

        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"{(int)signIn.StatusCode} {FormSignIn.ErrorOf(body)}");
        var authCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("CertPortal.Auth", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.False(signIn.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("127.0.0.1", await SignInAddressAsync(portal, "spoofer@msp.test"));
    }

    // A browser-like client (cookies, no redirects) whose connections leave from localAddress; the proxy's
    // self-signed certificate is accepted because the test made it.
    private static HttpClient ClientFrom(IPAddress localAddress, Uri baseAddress) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = true,
        CookieContainer = new CookieContainer(),
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(localAddress, 0));
                await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = baseAddress };

    private static Task<string?> SignInAddressAsync(PortalFactory portal, string email) =>
        portal.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<AuditEntry>()
            .Where(e => e.Action == "user.sign-in" && e.Summary == $"{email} signed in.").Select(e => e.Ip).SingleAsync());
}
