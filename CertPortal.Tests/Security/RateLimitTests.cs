using System.Net;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Security;

public sealed class RateLimitTests
{
    [Fact]
    public async Task One_address_spraying_sign_ins_hears_429_with_retry_after_before_any_account_locks()
    {
        await using var portal = new PortalFactory { Settings = { ["CertPortal:RateLimits:SignInPerMinute"] = "3" } };
        var client = portal.BrowserLikeClient();
        for (var attempt = 1; attempt <= 3; attempt++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostSignInAsync($"victim{attempt}@msp.test", "guess")).Response.StatusCode);

        var (refused, body) = await client.PostSignInAsync("victim4@msp.test", "guess");

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains("Too many requests", problem.GetProperty("title").GetString());
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60, body);
        // The page itself (a GET) is not what is counted.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task First_run_setup_posts_are_limited_per_address()
    {
        await using var portal = new PortalFactory { Settings = { ["CertPortal:RateLimits:SignInPerMinute"] = "2" } };
        var client = portal.BrowserLikeClient();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 3; attempt++)
            statuses.Add((await client.PostAsync("/setup?token=guess" + attempt, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "guess" }))).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[0]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
    }

    [Fact]
    public async Task The_api_is_limited_per_token_and_OCSP_and_CRL_not_at_all()
    {
        await using var portal = new PortalFactory { Settings = { ["CertPortal:RateLimits:ApiPerMinute"] = "5" } };
        var busy = portal.ApiClient(await portal.CreateTokenAsync(Roles.ReadOnly));
        var other = portal.ApiClient(await portal.CreateTokenAsync(Roles.ReadOnly));
        for (var call = 1; call <= 5; call++)
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/v1/customers")).StatusCode);

        var refused = await busy.GetAsync("/api/v1/customers");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/customers")).StatusCode);
        var anonymous = portal.ApiClient(null);
        for (var call = 1; call <= 20; call++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync($"/pki/{Guid.NewGuid()}/crl")).StatusCode);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync($"/pki/{Guid.NewGuid()}/ocsp/MAo%3D")).StatusCode);
        }
    }
}
