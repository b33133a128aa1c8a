using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Features.CertificateAuthorities.Revocation;
using CertPortal.Tests.Benchmarks;
using CertPortal.Tests.ClientCerts;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Pki;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.CertificateAuthorities;

/// <summary>
/// OCSP without a nonce (RFC 5019) answered from answers signed ahead of time, with a clock the test moves: HTTP
/// caching headers on GET, the very pre-signed bytes on POST, a revocation answered "revoked" at once, and the
/// per-instance schedule (every second here) signing again before nextUpdate.
/// </summary>
public sealed class OcspPreSignedAnswersTests : IDisposable
{
    private readonly PortalFactory _portal = new() { Settings = { ["CertPortal:Pki:OcspRecheckSeconds"] = "1" } };
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

        // The very next request, before anything was signed again in the background.
        var revoked = Read(await (await GetAsync(caId)).Content.ReadAsByteArrayAsync());
        Assert.Contains("leaf.pem: revoked", revoked);
        Assert.Contains("Reason: keyCompromise", revoked);
    }

    [Fact]
    public async Task A_post_without_a_nonce_gets_the_very_answer_signed_ahead_of_time_and_it_verifies_against_the_ca()
    {
        var (caId, _, _) = await IssueAsync();
        await PreSignAsync(caId);
        var responder = (await _portal.Services.GetRequiredService<CaOcspResponders>().ForAsync(caId))!;
        Assert.True(responder.PreSigned.Trusted);
        using var leaf = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(_folder.Path, "leaf.pem")));
        var held = responder.PreSigned.Find(responder.PreSigned.KeyOf(leaf.SerialNumber), CertPortal.Pki.OcspCertificateStatus.Good)!;

        OpenSsl.Ok(_folder.Path, "ocsp", "-issuer", "ca.pem", "-cert", "leaf.pem", "-no_nonce", "-reqout", "req.der");
        using var body = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(_folder.Path, "req.der")));
        body.Headers.ContentType = new("application/ocsp-request");
        var response = await _portal.CreateClient().PostAsync($"/pki/{caId}/ocsp", body);

        Assert.Equal("application/ocsp-response", response.Content.Headers.ContentType?.MediaType);
        var der = await response.Content.ReadAsByteArrayAsync();
        // ECDSA signatures differ each time: equal bytes mean no signing happened for this request.
        Assert.Equal(held.Reply.Der, der);
        Assert.Contains("leaf.pem: good", Read(der));
    }

    [Fact]
    public async Task The_schedule_signs_answers_again_past_half_their_validity_long_before_next_update()
    {
        var (caId, _, _) = await IssueAsync();
        var first = Second(_portal.Clock.GetUtcNow());
        await PreSignAsync(caId);

        _portal.Clock.Advance(TimeSpan.FromHours(11));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(first, (await GetAsync(caId)).Content.Headers.LastModified);

        _portal.Clock.Advance(TimeSpan.FromHours(2));
        // Signed again by the schedule itself, not on the request: the held answer moves on without any request.
        var responder = (await _portal.Services.GetRequiredService<CaOcspResponders>().ForAsync(caId))!;
        await WaitForAsync(() => responder.PreSigned.OldestThisUpdate == first.AddHours(13) && responder.PreSigned.Trusted);
        var renewed = await GetAsync(caId);
        Assert.Equal(first.AddHours(13), renewed.Content.Headers.LastModified);
        Assert.Equal(first.AddHours(37), renewed.Content.Headers.Expires);
        Assert.Equal(TimeSpan.FromHours(24), renewed.Headers.CacheControl!.MaxAge);
        Assert.True(responder.TryPreSigned(await File.ReadAllBytesAsync(Path.Combine(_folder.Path, "req.der")), out var held));
        Assert.Equal(held.Reply.Der, await renewed.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_revocation_on_one_instance_is_answered_revoked_by_the_other_within_a_few_seconds()
    {
        using var instances = await PortalInstances.CreateAsync();
        var (caId, leafId, setup) = await IssueAsync(instances.First);
        var other = instances.Second;
        Assert.Contains("leaf.pem: good", Read(await (await GetUntilAsync(caId, (r, _) => r.IsSuccessStatusCode, other)).Content.ReadAsByteArrayAsync()));
        var responder = (await other.Services.GetRequiredService<CaOcspResponders>().ForAsync(caId))!;
        await WaitForAsync(() => responder.PreSigned.Trusted && responder.PreSigned.Count == 1);

        (await setup.Api.PostAsJsonAsync($"/api/v1/client-certs/{leafId}/revoke", new { reason = "keyCompromise" })).EnsureSuccessStatusCode();

        var revoked = await GetUntilAsync(caId, (_, der) => Read(der).Contains("leaf.pem: revoked"), other);
        Assert.Contains("Reason: keyCompromise", Read(await revoked.Content.ReadAsByteArrayAsync()));
        // Then signed again there too, and served from the pre-signed answers.
        await WaitForAsync(() => responder.PreSigned.Trusted);
        var served = await (await GetAsync(caId, other)).Content.ReadAsByteArrayAsync();
        Assert.True(responder.TryPreSigned(await File.ReadAllBytesAsync(Path.Combine(_folder.Path, "req.der")), out var held));
        Assert.True(held.Status.IsRevoked);
        Assert.Equal(held.Reply.Der, served);
    }

    [Fact]
    public async Task A_revocation_whose_relayed_notice_never_came_is_seen_by_the_recheck_within_its_interval()
    {
        using var instances = await PortalInstances.CreateAsync();
        instances.Second.Settings["CertPortal:Pki:OcspRecheckSeconds"] = "1";
        var (caId, leafId, _) = await IssueAsync(instances.First);
        var other = instances.Second;
        Assert.Contains("leaf.pem: good", Read(await (await GetUntilAsync(caId, (r, _) => r.IsSuccessStatusCode, other)).Content.ReadAsByteArrayAsync()));
        var responder = (await other.Services.GetRequiredService<CaOcspResponders>().ForAsync(caId))!;
        await WaitForAsync(() => responder.PreSigned.Trusted && responder.PreSigned.Count == 1);

        // Written straight into the shared database: no instance sends a notice, as when the listener was disconnected.
        await other.InScopeAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<CertPortal.Data.AppDbContext>>().CreateDbContextAsync();
            return await db.Set<CertPortal.Features.ClientCerts.ClientCertificate>().Where(c => c.Id == leafId).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.Status, "revoked").SetProperty(c => c.RevokedAt, DateTime.UtcNow).SetProperty(c => c.RevocationReason, "keyCompromise"));
        });

        var revoked = await GetUntilAsync(caId, (_, der) => Read(der).Contains("leaf.pem: revoked"), other);
        Assert.Contains("Reason: keyCompromise", Read(await revoked.Content.ReadAsByteArrayAsync()));
    }

    private async Task<(Guid CaId, Guid LeafId, ClientCertSetup Setup)> IssueAsync(PortalFactory? portal = null)
    {
        var setup = await ClientCertSetup.CreateAsync(portal ?? _portal);
        var ca = await setup.CreateCaAsync("CN=Presigned CA,O=Contoso");
        var caId = Guid.Parse(ca.Str("id")!);
        var leaf = await setup.IssueAsync(caId, "ivan");
        var leafId = Guid.Parse(leaf.Str("id")!);
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "ca.pem"), ca.Str("certificatePem")!);
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "leaf.pem"), await setup.DownloadTextAsync(leafId, "pem-cert"));
        return (caId, leafId, setup);
    }

    // As a browser or Windows asks: GET with the base64 of a request without a nonce (RFC 5019 §5).
    private async Task<HttpResponseMessage> GetAsync(Guid caId, PortalFactory? portal = null)
    {
        OpenSsl.Ok(_folder.Path, "ocsp", "-issuer", "ca.pem", "-cert", "leaf.pem", "-no_nonce", "-reqout", "req.der");
        var request = Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(_folder.Path, "req.der")));
        return await (portal ?? _portal).CreateClient().GetAsync($"/pki/{caId}/ocsp/{Uri.EscapeDataString(request)}");
    }

    private async Task<HttpResponseMessage> GetUntilAsync(Guid caId, Func<HttpResponseMessage, byte[], bool> done, PortalFactory? portal = null)
    {
        var response = await GetAsync(caId, portal);
        for (var waited = 0; !done(response, await response.Content.ReadAsByteArrayAsync()) && waited < 100; waited++)
        {
            await Task.Delay(100);
            response = await GetAsync(caId, portal);
        }
        return response;
    }

    private static async Task WaitForAsync(Func<bool> done)
    {
        for (var waited = 0; !done() && waited < 100; waited++)
            await Task.Delay(100);
        Assert.True(done());
    }

    private string Read(byte[] response)
    {
        File.WriteAllBytes(Path.Combine(_folder.Path, "resp.der"), response);
        return OpenSsl.Ok(_folder.Path, "ocsp", "-respin", "resp.der", "-issuer", "ca.pem", "-cert", "leaf.pem", "-no_nonce", "-CAfile", "ca.pem");
    }

    private Task<int> PreSignAsync(Guid caId) => _portal.Services.GetRequiredService<OcspPreSigner>().PreSignAsync(caId);

    private static DateTimeOffset Second(DateTimeOffset at) => at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));

    public void Dispose()
    {
        _portal.Dispose();
        _folder.Dispose();
    }
}
