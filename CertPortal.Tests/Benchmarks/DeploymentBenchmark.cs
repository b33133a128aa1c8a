using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Deployments;
using CertPortal.Tests.DnsProviders;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Targets;
using Xunit.Abstractions;

namespace CertPortal.Tests.Benchmarks;

/// <summary>
/// The deployment figures of the issue: an ssh run to a real nginx through a real sshd, from "run now" to verified
/// (goal ≤ 3 s, median of several, nginx put back on another certificate before each so every run changes what it
/// serves); and one certificate bound to 20 firewall simulators, the new version run on all at once until all are
/// verified (goal ≤ 10 s). Reports; fails only when a run does not verify. Run with <c>CertPortal.Tests/Benchmarks/deployments.sh</c>.
/// </summary>
[Trait("Category", "Benchmark")]
[SupportedOSPlatform("linux")]
public sealed class DeploymentBenchmark(PebbleOnBindFixture peers, SshdFixture sshd, ITestOutputHelper output)
    : IClassFixture<PebbleOnBindFixture>, IClassFixture<SshdFixture>, IDisposable
{
    private const int SshRuns = 7;
    private const int Firewalls = 20;
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task Ssh_to_nginx_and_a_fan_out_to_20_firewalls()
    {
        var setup = await IssuanceSetup.CreateAsync(_portal, peers);
        var ssh = await SshToNginxAsync(setup);
        var fanOut = await FanOutAsync(setup);

        var median = ssh.Order().ElementAt(ssh.Count / 2);
        var report = $"""
            Deployment benchmark ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)
            ssh → nginx, run now → verified (upload, nginx -t, reload, TLS check), {ssh.Count} runs: median {median.TotalSeconds:0.00} s, min {ssh.Min().TotalSeconds:0.00} s, max {ssh.Max().TotalSeconds:0.00} s (goal ≤ 3 s)
              each: {string.Join(", ", ssh.Select(t => t.TotalSeconds.ToString("0.00")))} s
            one certificate on {Firewalls} firewall simulators (7 FortiGate, 7 PAN-OS, 6 SonicWall), new version run on all → all verified: {fanOut.TotalSeconds:0.00} s (goal ≤ 10 s)

            """;
        output.WriteLine(report);
        var folder = Path.Combine(RepositoryRoot.Path, "CertPortal.Tests", "TestResults");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "deployment-benchmark.txt"), report);
    }

    private async Task<List<TimeSpan>> SshToNginxAsync(IssuanceSetup setup)
    {
        using var nginx = new NginxTlsFixture();
        using var placeholder = SelfSigned("placeholder.example.test");
        await nginx.StartAsync(placeholder.ExportCertificatePem(), placeholder.ExportCertificatePem(), placeholder.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var certificateId = await setup.RequestAsync("ssh-bench.example.test");
        await setup.WaitForStatusAsync(certificateId, "valid");
        var targetId = await CreateAsync(setup.Api, "/api/v1/targets", new
        {
            customerId = setup.CustomerId, name = "nginx over ssh", type = "ssh",
            settings = new
            {
                host = "127.0.0.1", port = sshd.Port.ToString(), username = sshd.User, hostKeySha256 = sshd.HostKeySha256,
                certPath = nginx.CertPath, keyPath = nginx.KeyPath, chainPath = nginx.ChainPath, fullchainPath = nginx.FullChainPath,
                testCommand = nginx.TestCommand, reloadCommand = nginx.ReloadCommand, verifyHost = "127.0.0.1", verifyPort = nginx.Port.ToString(),
            },
            secrets = new { privateKey = sshd.ClientKeyPem },
        });
        var deploymentId = await CreateAsync(setup.Api, "/api/v1/deployments", new { certificateId, targetId, autoDeploy = false });
        var times = new List<TimeSpan>();
        for (var i = 0; i <= SshRuns; i++)
        {
            await ServePlaceholderAsync(nginx, placeholder);
            var clock = Stopwatch.StartNew();
            var run = await RunToEndAsync(setup.Api, deploymentId);
            var elapsed = clock.Elapsed;
            Assert.True(run.GetProperty("status").GetString() == RunStatus.Verified, run.ToString());
            if (i > 0) // the first run JITs the runner, the connector and SSH.NET
                times.Add(elapsed);
        }
        return times;
    }

    private async Task<TimeSpan> FanOutAsync(IssuanceSetup setup)
    {
        var devices = new List<FirewallDevice>();
        try
        {
            for (var i = 0; i < Firewalls; i++)
                devices.Add(await FirewallDevice.StartAsync((i % 3) switch { 0 => "fortigate", 1 => "panos", _ => "sonicwall" }));
            var certificateId = await setup.RequestAsync("fan-out-bench.example.test");
            await setup.WaitForStatusAsync(certificateId, "valid");
            var deployments = new List<string>();
            foreach (var (device, i) in devices.Select((d, i) => (d, i)))
            {
                var targetId = await CreateAsync(setup.Api, "/api/v1/targets", new
                {
                    customerId = setup.CustomerId, name = $"{device.Type} {i:D2}", type = device.Type, settings = device.Settings, secrets = device.Secrets,
                });
                deployments.Add(await CreateAsync(setup.Api, "/api/v1/deployments", new { certificateId, targetId, autoDeploy = false }));
            }
            // Version 1 everywhere first (not measured): the devices then serve it and the targets are pinned to it.
            await RunAllAsync(setup.Api, deployments);
            await setup.Api.PostAsync($"/api/v1/certificates/{certificateId}/renew", null);
            await setup.WaitAsync(certificateId, c => c.GetProperty("versions").GetArrayLength() == 2 && c.GetProperty("status").GetString() == "valid");

            var clock = Stopwatch.StartNew();
            await RunAllAsync(setup.Api, deployments);
            return clock.Elapsed;
        }
        finally
        {
            foreach (var device in devices)
                await device.DisposeAsync();
        }
    }

    private static async Task RunAllAsync(HttpClient api, IReadOnlyList<string> deployments)
    {
        foreach (var run in await Task.WhenAll(deployments.Select(id => RunToEndAsync(api, id))))
            Assert.True(run.GetProperty("status").GetString() == RunStatus.Verified, run.ToString());
    }

    /// <summary>"Run now", then polls the run until it has finished.</summary>
    private static async Task<JsonElement> RunToEndAsync(HttpClient api, string deploymentId)
    {
        var started = await api.PostAsync($"/api/v1/deployments/{deploymentId}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString();
        for (var deadline = DateTime.UtcNow.AddSeconds(120); DateTime.UtcNow < deadline; await Task.Delay(25))
        {
            var run = await api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{deploymentId}/runs/{runId}");
            if (run.GetProperty("finishedAt").ValueKind == JsonValueKind.String)
                return run;
        }
        throw new TimeoutException($"Run {runId} did not finish.");
    }

    /// <summary>nginx back on a certificate of its own, so the next run has something to change.</summary>
    private static async Task ServePlaceholderAsync(NginxTlsFixture nginx, X509Certificate2 placeholder)
    {
        var pem = placeholder.ExportCertificatePem();
        await File.WriteAllTextAsync(nginx.CertPath, pem);
        await File.WriteAllTextAsync(nginx.FullChainPath, pem);
        await File.WriteAllTextAsync(nginx.KeyPath, placeholder.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        using var reload = Process.Start("/bin/sh", ["-c", nginx.ReloadCommand]);
        await reload.WaitForExitAsync();
        var expected = Convert.ToHexStringLower(SHA256.HashData(placeholder.RawData));
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(50))
            if (await new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", nginx.Port, null, CancellationToken.None) == expected)
                return;
        throw new TimeoutException("nginx did not go back to the placeholder certificate.");
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var made = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    private static async Task<string> CreateAsync(HttpClient api, string path, object body)
    {
        var response = await api.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await IssuanceSetup.IdOf(response);
    }

    public void Dispose() => _portal.Dispose();
}
