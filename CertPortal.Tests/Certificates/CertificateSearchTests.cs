using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;

namespace CertPortal.Tests.Certificates;

/// <summary>
/// GET /api/v1/certificates?search=: a part of the name or of an alternative name, in any case, on either database
/// (PostgreSQL compares text with case unless told otherwise); a % or _ in the term is only itself.
/// </summary>
public sealed class CertificateSearchTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_search_matches_names_and_alternative_names_whatever_their_case()
    {
        var customer = await portal.SeedCustomerAsync();
        var tag = PortalSeed.UniqueName("find").ToLowerInvariant();
        using (var chain = new TestChain($"portal.{tag}.test"))
            await portal.ImportAsync(customer.Id, chain);
        using (var other = new TestChain($"other-{tag}.example"))
            await portal.ImportAsync(customer.Id, other);
        var api = portal.ApiClient(await portal.CreateTokenAsync("readonly"));

        async Task<string> Found(string search) => string.Join(" ",
            (await (await api.GetAsync($"/api/v1/certificates?customerId={customer.Id}&search={Uri.EscapeDataString(search)}")).JsonAsync())
            .Items().Select(c => c.Str("commonName")!.Split('.')[0]).Order());

        Assert.Equal("other-" + tag + " portal", await Found(tag.ToUpperInvariant()));
        Assert.Equal("portal", await Found("PORTAL"));
        // Only the alternative name (www.portal...) has this.
        Assert.Equal("portal", await Found("WWW.Portal"));
        Assert.Equal("other-" + tag, await Found("Other-"));
        Assert.Equal("", await Found("%"));
        Assert.Equal("", await Found("p_rtal"));
    }
}
