using CertPortal.Features.Deployments.Runs;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Features.Targets.Connectors;

namespace CertPortal.Tests.Targets;

/// <summary>The ssh connector against a real sshd on loopback that deploys into a real nginx's files.</summary>
[SupportedOSPlatform("linux")]
public sealed class SshConnectorTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    private readonly SshConnector _connector = new();

    [Fact]
    public async Task Test_shows_the_host_key_until_it_is_pinned_then_logs_in()
    {
        var unpinned = await _connector.TestAsync(Settings(hostKey: null), CancellationToken.None);
        Assert.False(unpinned.Ok);
        Assert.Contains($"Host key {sshd.HostKeySha256}", unpinned.Message);
        Assert.Contains("paste it into hostKeySha256", unpinned.Message);
        Assert.Equal(sshd.HostKeySha256, unpinned.SeenHostKeySha256);

        var pinned = await _connector.TestAsync(Settings(), CancellationToken.None);
        Assert.True(pinned.Ok, pinned.Message);
        Assert.Contains("Linux", pinned.Message);
    }

    [Fact]
    public async Task A_changed_host_key_is_refused_and_nothing_is_deployed()
    {
        using var nginx = new NginxTlsFixture();
        var old = await ServingAsync(nginx, SelfSigned("old.example.test", 1));
        var wrongPin = "SHA256:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=');

        var test = await Assert.ThrowsAsync<TargetException>(() => _connector.TestAsync(Settings(hostKey: wrongPin), CancellationToken.None));
        Assert.Contains("man-in-the-middle", test.Message);
        Assert.Contains(sshd.HostKeySha256, test.Message);

        await DeployFailsAsync(Settings(nginx, hostKey: wrongPin), old);
        Assert.Equal(old.LeafPem, await File.ReadAllTextAsync(nginx.CertPath));
    }

    [Fact]
    public async Task Deploy_is_refused_while_the_host_key_is_not_pinned()
    {
        using var nginx = new NginxTlsFixture();
        var old = await ServingAsync(nginx, SelfSigned("old.example.test", 1));

        var e = await DeployFailsAsync(Settings(nginx, hostKey: null), old);
        Assert.Contains("hostKeySha256 is empty", e.Message);
        Assert.Equal(old.FullChainPem, await File.ReadAllTextAsync(nginx.FullChainPath));
    }

    [Fact]
    public async Task Deploy_makes_nginx_serve_the_new_certificate_with_the_key_readable_only_by_its_owner()
    {
        using var nginx = new NginxTlsFixture();
        var old = await ServingAsync(nginx, SelfSigned("old.example.test", 1));
        File.SetUnixFileMode(nginx.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var next = SelfSigned("new.example.test", 2);
        var steps = new List<string>();

        await _connector.DeployAsync(Run(Settings(nginx), next, old, steps), CancellationToken.None);

        Assert.Equal(next.ThumbprintSha256, await ServedEventuallyAsync(nginx, next.ThumbprintSha256));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(nginx.KeyPath));
        Assert.Equal(next.KeyPem, await File.ReadAllTextAsync(nginx.KeyPath));
        Assert.Equal(old.LeafPem, await File.ReadAllTextAsync(nginx.CertPath + ".certportal-bak"));
        Assert.Equal(["connect", "upload", "test", "reload"], steps);
        Assert.Empty(Directory.GetFiles(nginx.Folder, "*.certportal-new"));
    }

    [Fact]
    public async Task A_failing_configuration_test_restores_the_old_files_and_nginx_keeps_serving_them()
    {
        using var nginx = new NginxTlsFixture();
        var old = await ServingAsync(nginx, SelfSigned("old.example.test", 1));
        var good = SelfSigned("new.example.test", 2);
        var mismatched = good with { KeyPem = SelfSigned("other.example.test", 3).KeyPem }; // nginx -t: key values mismatch

        var e = await DeployFailsAsync(Settings(nginx), old, mismatched);

        Assert.Contains("configuration test failed", e.Message);
        Assert.Contains("exited with 1", e.Message);
        Assert.Contains("old files were restored", e.Message);
        Assert.DoesNotContain(mismatched.KeyPem, e.Message);
        Assert.Equal(old.FullChainPem, await File.ReadAllTextAsync(nginx.FullChainPath));
        Assert.Equal(old.KeyPem, await File.ReadAllTextAsync(nginx.KeyPath));
        Assert.Empty(Directory.GetFiles(nginx.Folder, "*.certportal-new"));
        await Task.Delay(300);
        Assert.Equal(old.ThumbprintSha256, await new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", nginx.Port, "old.example.test", CancellationToken.None));
    }

    [Fact]
    public async Task A_failing_reload_restores_the_old_files_and_says_whether_reloading_them_worked()
    {
        using var nginx = new NginxTlsFixture();
        var old = await ServingAsync(nginx, SelfSigned("old.example.test", 1));

        var e = await DeployFailsAsync(With(Settings(nginx), "reloadCommand", "echo no reload for you >&2; false"), old);

        Assert.StartsWith("The reload failed: `echo no reload for you >&2; false` exited with 1: no reload for you. The old files were restored, but reloading them failed too", e.Message);
        Assert.Equal(old.LeafPem, await File.ReadAllTextAsync(nginx.CertPath));
        Assert.Equal(old.KeyPem, await File.ReadAllTextAsync(nginx.KeyPath));
    }

    [Fact]
    public async Task A_file_that_cannot_be_written_fails_the_upload_and_changes_nothing()
    {
        using var nginx = new NginxTlsFixture();
        var old = await ServingAsync(nginx, SelfSigned("old.example.test", 1));

        var e = await DeployFailsAsync(With(Settings(nginx), "keyPath", $"/nonexistent-{Guid.NewGuid():N}/key.pem"), old);

        Assert.Contains("Uploading the files failed", e.Message);
        Assert.Contains("nothing on the host was changed", e.Message);
        Assert.Equal(old.LeafPem, await File.ReadAllTextAsync(nginx.CertPath));
        Assert.Empty(Directory.GetFiles(nginx.Folder, "*.certportal-*"));
    }

    [Fact]
    public async Task Rollback_after_a_failed_verification_makes_nginx_serve_the_previous_certificate_again()
    {
        using var nginx = new NginxTlsFixture();
        var old = await ServingAsync(nginx, SelfSigned("old.example.test", 1));
        var next = SelfSigned("new.example.test", 2);
        await _connector.DeployAsync(Run(Settings(nginx), next, old), CancellationToken.None);
        await ServedEventuallyAsync(nginx, next.ThumbprintSha256);
        var steps = new List<string>();

        await _connector.RollbackAsync(Run(Settings(nginx), next, old, steps), CancellationToken.None);

        Assert.Equal(old.ThumbprintSha256, await ServedEventuallyAsync(nginx, old.ThumbprintSha256));
        Assert.Equal(old.KeyPem, await File.ReadAllTextAsync(nginx.KeyPath));
        Assert.Equal(["rollback", "test", "reload"], steps);
    }

    [Fact]
    public async Task Wrong_credentials_an_unreachable_port_and_a_relative_path_fail_with_a_clear_message()
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var wrongKey = new TargetSettings(Settings().Values, new Dictionary<string, string?> { ["privateKey"] = stranger.ExportECPrivateKeyPem() });
        var refused = await Assert.ThrowsAsync<TargetException>(() => _connector.TestAsync(wrongKey, CancellationToken.None));
        Assert.Contains($"refused the login as '{sshd.User}'", refused.Message);

        var unreachable = await Assert.ThrowsAsync<TargetException>(() => _connector.TestAsync(With(Settings(), "port", Infrastructure.FreePort.Next().ToString()), CancellationToken.None));
        Assert.Contains("Could not connect to 127.0.0.1:", unreachable.Message);

        var relative = With(With(With(Settings(), "certPath", "cert.pem"), "keyPath", "/tmp/key.pem"), "reloadCommand", "true");
        var e = await DeployFailsAsync(relative, null);
        Assert.Contains("must be absolute", e.Message);
    }

    [Fact]
    public void The_served_endpoint_is_verified_only_when_verifyHost_is_set()
    {
        Assert.Null(_connector.EndpointToVerify(Settings(), new Dictionary<string, string?>()));
        var values = new Dictionary<string, string?> { ["verifyHost"] = "www.example.test" };
        Assert.Equal(new VerificationEndpoint("www.example.test", 443, "www.example.test"),
            _connector.EndpointToVerify(new TargetSettings(values, new Dictionary<string, string?>()), new Dictionary<string, string?>()));
    }

    private static async Task<DeployableCertificate> ServingAsync(NginxTlsFixture nginx, DeployableCertificate certificate)
    {
        await nginx.StartAsync(certificate.LeafPem, certificate.FullChainPem, certificate.KeyPem);
        return certificate;
    }

    private static TargetSettings With(TargetSettings settings, string name, string? value) =>
        new(new Dictionary<string, string?>(settings.Values) { [name] = value }, settings.Secrets);

    private Task<TargetException> DeployFailsAsync(TargetSettings settings, DeployableCertificate? old, DeployableCertificate? certificate = null) =>
        Assert.ThrowsAsync<TargetException>(() => _connector.DeployAsync(Run(settings, certificate ?? SelfSigned("new.example.test", 2), old), CancellationToken.None));

    private TargetSettings Settings(NginxTlsFixture? nginx = null, string? hostKey = "pinned")
    {
        var values = new Dictionary<string, string?>
        {
            ["host"] = "127.0.0.1", ["port"] = sshd.Port.ToString(), ["username"] = sshd.User,
            ["hostKeySha256"] = hostKey == "pinned" ? sshd.HostKeySha256 : hostKey,
        };
        if (nginx is not null)
        {
            (values["certPath"], values["keyPath"], values["chainPath"], values["fullchainPath"]) = (nginx.CertPath, nginx.KeyPath, nginx.ChainPath, nginx.FullChainPath);
            (values["testCommand"], values["reloadCommand"]) = (nginx.TestCommand, nginx.ReloadCommand);
            (values["verifyHost"], values["verifyPort"]) = ("127.0.0.1", nginx.Port.ToString());
        }
        return new TargetSettings(values, new Dictionary<string, string?> { ["privateKey"] = sshd.ClientKeyPem });
    }

    private static ConnectorRun Run(TargetSettings settings, DeployableCertificate certificate, DeployableCertificate? previous, List<string>? steps = null) =>
        new(settings, new Dictionary<string, string?>(), certificate, previous, (name, _) =>
        {
            steps?.Add(name);
            return Task.CompletedTask;
        });

    /// <summary>nginx -s reload returns before the new workers answer; wait a little for the expected certificate.</summary>
    private static async Task<string> ServedEventuallyAsync(NginxTlsFixture nginx, string expected)
    {
        var served = "";
        for (var attempt = 0; attempt < 50 && served != expected; attempt++)
        {
            served = await new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", nginx.Port, "example.test", CancellationToken.None);
            if (served != expected)
                await Task.Delay(100);
        }
        return served;
    }

    private static DeployableCertificate SelfSigned(string name, int version)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        return new DeployableCertificate(Guid.NewGuid(), version, name, [name], certificate.ExportCertificatePem() + "\n", "", key.ExportPkcs8PrivateKeyPem() + "\n",
            Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)), certificate.NotAfter.ToUniversalTime());
    }
}
