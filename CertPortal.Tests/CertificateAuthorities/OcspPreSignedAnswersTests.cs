using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Features.CertificateAuthorities.Revocation;
using CertPortal.Tests.Benchmarks;
using CertPortal.Tests.ClientCerts;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Pki;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.CertificateAuthorities;

/// <summary>
/// OCSP without a nonce (RFC 5019) answered from answers signed ahead of time, with a clock the test moves: HTTP
/// caching headers on GET, a revocation answered "revoked" at once, and the scheduled refresh before nextUpdate.
/// </summary>
public sealed class OcspPreSignedAnswersTests : IDisposable
{
    private readonly PortalFactory _portal = new();
    private readonly TempFolder _folder = new("ocsp-presigned");

    [Fact]
    public async Task A_get_without_a_nonce_is_answered_from_the_pre_signed_answer_with_rfc_5019_caching_headers()
    {
        var (caId, _, _) = await IssueAsync();
        var signedAt = Second(_portal.Clock.GetUtcNow());
        await PreSignAsync(caId);
        // The issue itself already asked for it in the background; either way, one answer is held for the one certificate.
        Assert.Equal(1, (await _portal.Services.GetRequiredService<CaOcspResponders>().ForAsync(caId))!.PreSigned.Count);
        _portal.Clock.Advance(TimeSpan.FromMinutes(10));

        var response = await GetAsync(caId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ocsp-response", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(signedAt, response.Content.Headers.LastModified);
        Assert.Equal(signedAt.AddHours(24), response.Content.Headers.Expires);
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Public && cache.NoTransform && cache.MustRevalidate, cache.ToString());
        Assert.Equal(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(10), cache.MaxAge);
        Assert.Contains("leaf.pem: good", Read(await response.Content.ReadAsByteArrayAsync()));

        using var again = new HttpRequestMessage(HttpMethod.Get, response.RequestMessage!.RequestUri);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await _portal.CreateClient().SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task A_revocation_is_answered_revoked_at_once_never_from_the_good_answer_signed_before()
    {
        var (caId, leafId, setup) = await IssueAsync();
        await PreSignAsync(caId);
        Assert.Contains("leaf.pem: good", Read(await (await GetAsync(caId)).Content.ReadAsByteArrayAsync()));

        (await setup.Api.PostAsJsonAsync($"/api/v1/client-certs/{leafId}/revoke", new { reason = "keyCompromise" })).EnsureSuccessStatusCode();

        var revoked = Read(await (await GetAsync(caId)).Content.ReadAsByteArrayAsync());
        Assert.Contains("leaf.pem: revoked", revoked);
        Assert.Contains("Reason: keyCompromise", revoked);
    }

    [Fact]
    public async Task The_scheduled_refresh_signs_answers_again_past_half_their_validity_long_before_next_update()
    {
        var (caId, _, _) = await IssueAsync();
        var first = Second(_portal.Clock.GetUtcNow());
        await PreSignAsync(caId);

        _portal.Clock.Advance(TimeSpan.FromHours(11));
        Assert.Equal(0, await RunJobAsync());
        Assert.Equal(first, (await GetAsync(caId)).Content.Headers.LastModified);

        _portal.Clock.Advance(TimeSpan.FromHours(2));
        Assert.True(await RunJobAsync() >= 1);
        var renewed = await GetAsync(caId);
        Assert.Equal(first.AddHours(13), renewed.Content.Headers.LastModified);
        Assert.Equal(first.AddHours(37), renewed.Content.Headers.Expires);
    }

    [Fact]
    public async Task A_serial_the_ca_never_issued_is_answered_unknown_and_cached_no_longer_than_its_validity()
    {
        var (caId, _, _) = await IssueAsync();
        await PreSignAsync(caId);
        using var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(_folder.Path, "ca.pem")));
        var request = new OcspRequests(ca).For([0x01, 0x02, 0x03], nonce: false);
        var response = await _portal.CreateClient().GetAsync($"/pki/{caId}/ocsp/{Uri.EscapeDataString(Convert.ToBase64String(request))}");
        await File.WriteAllBytesAsync(Path.Combine(_folder.Path, "unknown.der"), await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Cert Status: unknown", OpenSsl.Ok(_folder.Path, "ocsp", "-respin", "unknown.der", "-resp_text", "-noverify"));
        Assert.True(response.Headers.CacheControl!.MaxAge <= TimeSpan.FromHours(24));
    }

    private async Task<(Guid CaId, Guid LeafId, ClientCertSetup Setup)> IssueAsync()
    {
        var setup = await ClientCertSetup.CreateAsync(_portal);
        var ca = await setup.CreateCaAsync("CN=Presigned CA,O=Contoso");
        var caId = Guid.Parse(ca.Str("id")!);
        var leaf = await setup.IssueAsync(caId, "ivan");
        var leafId = Guid.Parse(leaf.Str("id")!);
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "ca.pem"), ca.Str("certificatePem")!);
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "leaf.pem"), await setup.DownloadTextAsync(leafId, "pem-cert"));
        return (caId, leafId, setup);
    }

    // As a browser or Windows asks: GET with the base64 of a request without a nonce (RFC 5019 §5).
    private async Task<HttpResponseMessage> GetAsync(Guid caId)
    {
        OpenSsl.Ok(_folder.Path, "ocsp", "-issuer", "ca.pem", "-cert", "leaf.pem", "-no_nonce", "-reqout", "req.der");
        var request = Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(_folder.Path, "req.der")));
        return await _portal.CreateClient().GetAsync($"/pki/{caId}/ocsp/{Uri.EscapeDataString(request)}");
    }

    private string Read(byte[] response)
    {
        File.WriteAllBytes(Path.Combine(_folder.Path, "resp.der"), response);
        return OpenSsl.Ok(_folder.Path, "ocsp", "-respin", "resp.der", "-issuer", "ca.pem", "-cert", "leaf.pem", "-no_nonce", "-CAfile", "ca.pem");
    }

    private Task<int> PreSignAsync(Guid caId) => _portal.Services.GetRequiredService<OcspPreSigner>().PreSignAsync(caId);

    private async Task<int> RunJobAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<OcspPreSignRefreshJob>(scope.ServiceProvider).RunOnceAsync(CancellationToken.None);
    }

    private static DateTimeOffset Second(DateTimeOffset at) => at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));

    public void Dispose()
    {
        _portal.Dispose();
        _folder.Dispose();
    }
}
