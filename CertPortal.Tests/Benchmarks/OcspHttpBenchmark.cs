using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CertPortal.Features.CertificateAuthorities;
using CertPortal.Features.CertificateAuthorities.Revocation;
using CertPortal.Pki;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CertPortal.Tests.Benchmarks;

/// <summary>
/// Issue #5's figure: OCSP responses per second over HTTP for a CA with 10,000 issued certificates, the portal
/// (<c>/pki/{id}/ocsp</c>, Kestrel) beside <c>openssl ocsp -port</c> (with <c>-multi 2</c>) answering for the same CA,
/// index and delegated signer, under the same load: 32 concurrent clients for 10 s each, once with a fresh nonce in
/// every request (so every answer is signed) and once without (RFC 5019, what browsers and Windows send; the portal
/// answers from its pre-signed answers, and the load comes from ApacheBench in a process of its own, so each responder's
/// CPU per answer is its own). Run with <c>CertPortal.Tests/Benchmarks/ocsp.sh</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class OcspHttpBenchmark(ITestOutputHelper output)
{
    private const int Certificates = 10_000;
    private const int Clients = 32;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Responses_per_second_beside_openssl_for_a_ca_with_10000_certificates()
    {
        var issued = Enumerable.Range(0, Certificates).Select(i => new IssuedCertificateState(SerialNumber.ToHex(SerialNumber.NewRandom()),
            i % 20 == 0 ? DateTimeOffset.UtcNow.AddDays(-1) : null, i % 20 == 0 ? RevocationReason.KeyCompromise : null)).ToList();
        // The source is added as the portal starts: added afterwards it never reached the portal, whose CA then had no
        // certificates and so no pre-signed answers (every serial "unknown", signed once and cached per request).
        await using var portal = new BrowserPortal(null, s => s.AddScoped<IIssuedCertificateSource>(_ => new FixedSource(issued)));
        using var folder = new TempFolder("ocsp-bench");
        var api = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var created = await api.PostAsJsonAsync("/api/v1/cas", new { name = "Bench CA", subject = "CN=Bench CA", keyType = "ec384", validityDays = 365 });
        var caId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // openssl gets the same CA certificate, delegated signer and the same serials as an index.txt.
        var ca = await portal.InScopeAsync(async sp => await sp.GetRequiredService<IDbContextFactory<CertPortal.Data.AppDbContext>>().CreateDbContext()
            .Set<CertificateAuthority>().AsNoTracking().SingleAsync(c => c.Id == Guid.Parse(caId)));
        using var signer = portal.Service<CaKeyring>().OcspSigner(ca)!;
        using var caSigner = portal.Service<CaKeyring>().SigningCertificate(ca);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "ca.key"), PkiKeys.ExportPkcs8Pem(PkiKeys.PrivateKeyOf(caSigner)));
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "ca.pem"), ca.CertificatePem);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "signer.pem"), ca.OcspSignerPem);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "signer.key"), PkiKeys.ExportPkcs8Pem(PkiKeys.PrivateKeyOf(signer)));
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "index.txt"), Index(issued));
        var (single, singlePort) = StartOpenSsl(folder.Path, multi: null);
        var (multi, multiPort) = StartOpenSsl(folder.Path, multi: 2);
        var (byCa, byCaPort) = StartOpenSsl(folder.Path, multi: null, signer: "ca");
        await Task.Delay(1000);
        Assert.False(single.HasExited || multi.HasExited || byCa.HasExited, $"openssl ocsp stopped: {single.Output}{multi.Output}{byCa.Output}");

        var requests = new OcspRequests(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(ca.CertificatePem));
        var serials = issued.Select(s => Convert.FromHexString(s.SerialHex)).ToArray();
        var portalUrl = $"{portal.BaseUrl}/pki/{caId}/ocsp";
        await MeasureAsync(portalUrl, requests, serials, TimeSpan.FromSeconds(2), keepAlive: true);
        var ours = await MeasureAsync(portalUrl, requests, serials, Duration, keepAlive: true);
        var oursFresh = await MeasureAsync(portalUrl, requests, serials, Duration, keepAlive: false);
        // openssl's responder answers one request per connection (HTTP/1.0), so its clients open a connection each time.
        var theirs = await MeasureAsync($"http://127.0.0.1:{singlePort}/", requests, serials, Duration, keepAlive: false);
        var theirsMulti = await MeasureAsync($"http://127.0.0.1:{multiPort}/", requests, serials, Duration, keepAlive: false);
        var theirsByCa = await MeasureAsync($"http://127.0.0.1:{byCaPort}/", requests, serials, Duration, keepAlive: false);
        // Stopped now: an openssl responder hammered this way can be left spinning a core, which then starved every
        // figure measured after it.
        single.Dispose();
        multi.Dispose();
        byCa.Dispose();

        // Without nonces: the portal's answers are signed ahead of time (as at start and by the scheduled refresh).
        // (Creating the CA already asked for them in the background; this waits until all are signed.)
        await portal.Service<OcspPreSigner>().PreSignAsync(Guid.Parse(caId));
        var preSigned = (await portal.Service<CaOcspResponders>().ForAsync(Guid.Parse(caId)))!.PreSigned.Count;
        // The load comes from ApacheBench, a C program in its own process: the in-process client above spends more CPU
        // per request than the portal's pre-signed path, so it measured itself. One good and one revoked serial, each
        // checked once to be a successful answer from both responders before the load.
        var good = requests.For(serials[1], nonce: false);
        var revoked = requests.For(serials[0], nonce: false);
        var (plain, plainPort) = StartOpenSsl(folder.Path, multi: null);
        await Task.Delay(1000);
        var opensslUrl = $"http://127.0.0.1:{plainPort}/";
        foreach (var url in new[] { portalUrl, opensslUrl })
            foreach (var body in new[] { good, revoked })
                Assert.True(OcspRequests.IsSuccessful(await AnswerAsync(url, body)), $"{url} gave no successful answer before the load");
        var getUrl = $"{portalUrl}/{Uri.EscapeDataString(Convert.ToBase64String(good))}";
        Assert.True(OcspRequests.IsSuccessful(await AnswerAsync(getUrl, null)), $"{getUrl} gave no successful answer before the load");

        // Long enough a warm-up for the JIT's second tier: after 2 s the first run still came out 20 % slower than the rest.
        await ApacheBench.RunAsync(portalUrl, good, Clients, TimeSpan.FromSeconds(6), keepAlive: true, folder.Path);
        var before = ProcessCpu();
        var oursPlain = await ApacheBench.RunAsync(portalUrl, good, Clients, Duration, keepAlive: true, folder.Path);
        var oursPlainCpu = ProcessCpu() - before;
        var oursPlainRevoked = await ApacheBench.RunAsync(portalUrl, revoked, Clients, Duration, keepAlive: true, folder.Path);
        before = ProcessCpu();
        var oursPlainGet = await ApacheBench.RunAsync(getUrl, good, Clients, Duration, keepAlive: true, folder.Path, get: true);
        var oursPlainGetCpu = ProcessCpu() - before;
        before = ProcessCpu();
        var oursPlainFresh = await ApacheBench.RunAsync(portalUrl, good, Clients, Duration, keepAlive: false, folder.Path);
        var oursPlainFreshCpu = ProcessCpu() - before;
        // The floor: bare Kestrel writing the same answer's bytes, with no logging and no middleware.
        await using var floor = await FixedBytesServer.StartAsync(await AnswerAsync(portalUrl, good));
        await ApacheBench.RunAsync(floor.Url, good, Clients, TimeSpan.FromSeconds(6), keepAlive: true, folder.Path);
        before = ProcessCpu();
        var bare = await ApacheBench.RunAsync(floor.Url, good, Clients, Duration, keepAlive: true, folder.Path);
        var bareCpu = ProcessCpu() - before;
        // openssl answers one request per connection: with keep-alive and 32 clients it serves the first and stalls the rest.
        var opensslBefore = plain.CpuTime;
        var theirsPlain = await ApacheBench.RunAsync(opensslUrl, good, Clients, Duration, keepAlive: false, folder.Path);
        var opensslUsed = plain.CpuTime - opensslBefore;
        plain.Dispose();
        var (plainMulti, plainMultiPort) = StartOpenSsl(folder.Path, multi: 2);
        await Task.Delay(1000);
        var theirsPlainMulti = await ApacheBench.RunAsync($"http://127.0.0.1:{plainMultiPort}/", good, Clients, Duration, keepAlive: false, folder.Path);
        plainMulti.Dispose();

        var cpuOpenssl = Micro(opensslUsed, theirsPlain.Completed);
        var cpuOurs = Micro(oursPlainCpu, oursPlain.Completed);
        var cpuOursFresh = Micro(oursPlainFreshCpu, oursPlainFresh.Completed);
        var cpuBare = Micro(bareCpu, bare.Completed);

        var report = new StringBuilder()
            .AppendLine("# OCSP over HTTP, CA with 10,000 issued certificates (5 % revoked), requests with nonces, 32 clients, 10 s each")
            .AppendLine($"machine: {Environment.ProcessorCount} cores")
            .AppendLine("| responder | answers/s | failed |")
            .AppendLine("| --- | ---: | ---: |")
            .AppendLine($"| CertPortal /pki/{{id}}/ocsp (Kestrel, delegated P-256 signer), keep-alive | {ours.PerSecond:N0} | {ours.Failed} |")
            .AppendLine($"| CertPortal, a new connection per request | {oursFresh.PerSecond:N0} | {oursFresh.Failed} |")
            .AppendLine($"| openssl ocsp -port (same signer and index; one connection per request) | {theirs.PerSecond:N0} | {theirs.Failed} |")
            .AppendLine($"| openssl ocsp -port -multi 2 | {theirsMulti.PerSecond:N0} | {theirsMulti.Failed} |")
            .AppendLine($"| openssl ocsp -port signing with the CA's own P-384 key (the usual setup) | {theirsByCa.PerSecond:N0} | {theirsByCa.Failed} |")
            .AppendLine(_firstError is null ? "" : $"first failure: {_firstError}")
            .AppendLine($"ratio to openssl ocsp -port: {ours.PerSecond / Math.Max(1, theirs.PerSecond):N1}x, like for like (new connections): {oursFresh.PerSecond / Math.Max(1, theirs.PerSecond):N1}x; to -multi 2: {ours.PerSecond / Math.Max(1, theirsMulti.PerSecond):N1}x; to openssl signing with the CA key: {ours.PerSecond / Math.Max(1, theirsByCa.PerSecond):N1}x")
            .AppendLine()
            .AppendLine($"# The same without nonces (RFC 5019), the portal answering from {preSigned:N0} pre-signed answers; load from ApacheBench (ab), 32 clients, 10 s each")
            .AppendLine("| responder | answers/s | failed | CPU per answer (responder's process) |")
            .AppendLine("| --- | ---: | ---: | ---: |")
            .AppendLine($"| CertPortal, pre-signed, keep-alive, POST | {oursPlain.PerSecond:N0} | {oursPlain.Failed} | {cpuOurs:N1} µs |")
            .AppendLine($"| CertPortal, the same for a revoked serial | {oursPlainRevoked.PerSecond:N0} | {oursPlainRevoked.Failed} | |")
            .AppendLine($"| CertPortal, keep-alive, GET (as browsers and Windows ask) | {oursPlainGet.PerSecond:N0} | {oursPlainGet.Failed} | {Micro(oursPlainGetCpu, oursPlainGet.Completed):N1} µs |")
            .AppendLine($"| CertPortal, a new connection per request | {oursPlainFresh.PerSecond:N0} | {oursPlainFresh.Failed} | {cpuOursFresh:N1} µs |")
            .AppendLine($"| the floor: bare Kestrel writing the same bytes (no logging, no middleware), keep-alive | {bare.PerSecond:N0} | {bare.Failed} | {cpuBare:N1} µs |")
            .AppendLine($"| openssl ocsp -port (signs each answer; one request per connection) | {theirsPlain.PerSecond:N0} | {theirsPlain.Failed} | {cpuOpenssl:N1} µs |")
            .AppendLine($"| openssl ocsp -port -multi 2 | {theirsPlainMulti.PerSecond:N0} | {theirsPlainMulti.Failed} | |")
            .AppendLine($"answers per second, CertPortal keep-alive / openssl: {oursPlain.PerSecond / Math.Max(1, theirsPlain.PerSecond):N1}x; to -multi 2: {oursPlain.PerSecond / Math.Max(1, theirsPlainMulti.PerSecond):N1}x; like for like (new connections): {oursPlainFresh.PerSecond / Math.Max(1, theirsPlain.PerSecond):N1}x")
            .AppendLine($"CPU per answer, openssl / CertPortal: keep-alive {cpuOpenssl / Math.Max(0.001, cpuOurs):N1}x, like for like (new connections) {cpuOpenssl / Math.Max(0.001, cpuOursFresh):N1}x (goal: >= 10x); openssl / the floor: {cpuOpenssl / Math.Max(0.001, cpuBare):N1}x")
            .ToString();
        output.WriteLine(report);
        var results = Path.Combine(RepositoryRoot.Path, "CertPortal.Tests", "TestResults");
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, "ocsp-benchmark.txt"), report);
        Assert.True(ours.PerSecond > 0 && ours.Failed == 0 && oursPlain.Completed > 0 && oursPlain.Failed == 0 && oursPlainGet.Failed == 0 && oursPlainRevoked.Failed == 0 && oursPlainFresh.Failed == 0 && preSigned == Certificates, report);
    }

    private static string? _firstError;

    private static TimeSpan ProcessCpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static double Micro(TimeSpan cpu, long answers) => cpu.TotalMicroseconds / Math.Max(1, answers);

    private static async Task<byte[]> AnswerAsync(string url, byte[]? post)
    {
        using var http = new HttpClient();
        using var content = new ByteArrayContent(post ?? []);
        content.Headers.ContentType = new("application/ocsp-request");
        using var response = post is null ? await http.GetAsync(url) : await http.PostAsync(url, content);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static (PeerProcess Process, int Port) StartOpenSsl(string folder, int? multi, string signer = "signer")
    {
        var port = FreePort.Next();
        var certificate = signer == "ca" ? "ca.pem" : "signer.pem";
        string[] args = ["ocsp", "-index", Path.Combine(folder, "index.txt"), "-port", port.ToString(), "-rsigner", Path.Combine(folder, certificate),
            "-rkey", Path.Combine(folder, $"{signer}.key"), "-CA", Path.Combine(folder, "ca.pem"), "-nmin", "60"];
        return (PeerProcess.Start("/usr/bin/openssl", multi is { } n ? [.. args, "-multi", n.ToString()] : args), port);
    }

    private static async Task<(double PerSecond, int Failed)> MeasureAsync(string url, OcspRequests requests, byte[][] serials, TimeSpan duration, bool keepAlive)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { Timeout = TimeSpan.FromSeconds(30) };
        var (ok, failed) = (0, 0);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async worker =>
        {
            var random = new Random(worker);
            while (clock.Elapsed < duration)
            {
                using var content = new ByteArrayContent(requests.For(serials[random.Next(serials.Length)], nonce: true));
                content.Headers.ContentType = new("application/ocsp-request");
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
                request.Headers.ConnectionClose = !keepAlive;
                try
                {
                    using var response = await http.SendAsync(request);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    if (OcspRequests.IsSuccessful(body))
                        Interlocked.Increment(ref ok);
                    else
                    {
                        Interlocked.Increment(ref failed);
                        _firstError ??= $"{url}: HTTP {(int)response.StatusCode}, {body.Length} bytes: {Convert.ToHexString(body.AsSpan(0, Math.Min(16, body.Length)))}";
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // A responder that drops or stalls a connection under this load counts as a failed answer.
                    Interlocked.Increment(ref failed);
                    _firstError ??= $"{url}: {e.Message}";
                }
            }
        }));
        return (ok / clock.Elapsed.TotalSeconds, failed);
    }

    // openssl's CA index: status, expiry, revocation "time,reason", serial (hex), file, subject; tab-separated.
    // Subjects must differ (openssl indexes them as unique by default).
    private static string Index(IEnumerable<IssuedCertificateState> issued) => string.Concat(issued.Select(s =>
        s.RevokedAt is { } at
            ? $"R\t301231000000Z\t{at:yyMMddHHmmss}Z,keyCompromise\t{s.SerialHex.ToUpperInvariant()}\tunknown\t/CN={s.SerialHex}\n"
            : $"V\t301231000000Z\t\t{s.SerialHex.ToUpperInvariant()}\tunknown\t/CN={s.SerialHex}\n"));

    private sealed class FixedSource(IReadOnlyList<IssuedCertificateState> states) : IIssuedCertificateSource
    {
        public Task<IReadOnlyList<IssuedCertificateState>> StatesAsync(Guid caId, CancellationToken ct) => Task.FromResult(states);

        public Task<IReadOnlyList<IssuedCertificateRow>> RecentAsync(Guid caId, int take, CancellationToken ct) => Task.FromResult<IReadOnlyList<IssuedCertificateRow>>([]);
    }
}
