using CertPortal.Features.Deployments.Runs;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Features.Targets.Connectors;
using CertPortal.Tests.Ftp;
using CertPortal.Tests.Targets.Simulators;

namespace CertPortal.Tests.Targets;

public sealed class SonicWallConnectorTests(VsftpdFixture vsftpd) : IClassFixture<VsftpdFixture>, IAsyncLifetime
{
    private static readonly Guid CertificateId = Guid.NewGuid();
    private readonly SonicWallSimulator _firewall = new();
    private readonly SonicWallConnector _connector = new() { InUseRetryDelay = TimeSpan.FromMilliseconds(50) };
    private readonly List<string> _steps = [];

    public Task InitializeAsync() => _firewall.StartAsync();

    public async Task DisposeAsync() => await _firewall.DisposeAsync();

    [Fact]
    public async Task Test_logs_in_through_the_pinned_management_certificate_reads_the_version_and_logs_out()
    {
        var result = await _connector.TestAsync(Settings(), CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Contains("SonicOS 7.0.1", result.Message);
        Assert.Equal((1, 1), (_firewall.Logins, _firewall.Logouts));
        Assert.False(_firewall.SessionOpen);
    }

    [Fact]
    public async Task Test_with_a_wrong_password_says_the_login_was_refused()
    {
        var error = await Assert.ThrowsAsync<TargetException>(() => _connector.TestAsync(Settings(password: "wrong"), CancellationToken.None));

        Assert.Contains("refused the login of 'admin'", error.Message);
        Assert.DoesNotContain("wrong", error.Message);
    }

    [Fact]
    public async Task Test_against_a_web_page_instead_of_the_api_says_the_api_may_be_disabled()
    {
        _firewall.FailAt = "html";

        var error = await Assert.ThrowsAsync<TargetException>(() => _connector.TestAsync(Settings(), CancellationToken.None));

        Assert.Contains("an HTML page", error.Message);
        Assert.Contains("is the SonicOS API enabled", error.Message);
    }

    [Fact]
    public async Task Test_refuses_a_management_certificate_other_than_the_pinned_one()
    {
        var settings = Settings(extra: ("pinnedCertSha256", new string('a', 64)));

        var error = await Assert.ThrowsAsync<TargetException>(() => _connector.TestAsync(settings, CancellationToken.None));

        Assert.Contains("not trusted", error.Message);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("ftp")]
    public async Task Deploy_imports_binds_and_commits_so_the_firewall_serves_the_new_version(string importVia)
    {
        var (previous, current) = (Certificate(1), Certificate(2));
        await _connector.DeployAsync(Run(Settings(importVia), previous, null), CancellationToken.None);

        await _connector.DeployAsync(Run(Settings(importVia), current, previous), CancellationToken.None);

        Assert.Equal(current.ThumbprintSha256, await new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", _firewall.ServingPort, "127.0.0.1", CancellationToken.None));
        // The API's own port presents it too; the logout after the commit met it and still went through.
        Assert.Equal(current.ThumbprintSha256, await new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", _firewall.ApiPort, "127.0.0.1", CancellationToken.None));
        Assert.False(_firewall.SessionOpen);
        Assert.Equal(current.DeviceName(SonicWallConnector.NameLimit), _firewall.BoundName);
        Assert.Contains("commit", _steps);
        Assert.Equal((2, 2), (_firewall.Logins, _firewall.Logouts));
        if (importVia == "ftp")
            Assert.Empty(Directory.GetFiles(vsftpd.Root, "*.p12"));
    }

    [Theory]
    [InlineData("import")]
    [InlineData("bind")]
    [InlineData("commit")]
    public async Task A_failed_step_names_the_step_and_the_session_is_still_logged_out(string step)
    {
        _firewall.FailAt = step;

        var error = await Assert.ThrowsAsync<TargetException>(() => _connector.DeployAsync(Run(Settings(), Certificate(1), null), CancellationToken.None));

        Assert.Contains($"Simulated failure at {step}", error.Message);
        Assert.Equal(step == "import" ? "upload" : step, error.Step);
        Assert.False(_firewall.SessionOpen);
        Assert.Equal(1, _firewall.Logouts);
        Assert.Null(_firewall.BoundName);
    }

    [Fact]
    public async Task A_commit_failure_says_the_configuration_was_not_committed_and_the_old_certificate_stays()
    {
        _firewall.FailAt = "commit";

        var error = await Assert.ThrowsAsync<TargetException>(() => _connector.DeployAsync(Run(Settings(), Certificate(1), null), CancellationToken.None));

        Assert.StartsWith("Committing the configuration: the SonicWall answered 500 E_FAILED", error.Message);
        Assert.Equal(_firewall.ManagementSha256, await new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", _firewall.ServingPort, null, CancellationToken.None));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("ftp")]
    public async Task A_run_retried_after_a_failed_commit_uses_its_earlier_import_and_serves_the_version(string importVia)
    {
        var certificate = Certificate(1);
        _firewall.FailAt = "commit";
        await Assert.ThrowsAsync<TargetException>(() => _connector.DeployAsync(Run(Settings(importVia), certificate, null), CancellationToken.None));
        _firewall.FailAt = null;

        await _connector.DeployAsync(Run(Settings(importVia), certificate, null), CancellationToken.None);

        Assert.Equal(certificate.ThumbprintSha256, await new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", _firewall.ServingPort, null, CancellationToken.None));
        Assert.Single(_firewall.Imported);
    }

    [Fact]
    public async Task A_session_in_use_by_another_client_is_waited_for_and_then_taken()
    {
        _firewall.OtherSessionRefusals = 2;

        var result = await _connector.TestAsync(Settings(), CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal(0, _firewall.OtherSessionRefusals);
    }

    [Fact]
    public async Task A_session_that_stays_in_use_fails_with_a_message_about_the_other_administrator()
    {
        _firewall.OtherSessionRefusals = 10;

        var error = await Assert.ThrowsAsync<TargetException>(() => _connector.TestAsync(Settings(), CancellationToken.None));

        Assert.Contains("Another administrator or API client is managing the SonicWall", error.Message);
        Assert.Contains("tried 3 times", error.Message);
    }

    [Fact]
    public async Task Rollback_binds_the_previous_version_and_the_firewall_serves_it_again()
    {
        var (previous, current) = (Certificate(1), Certificate(2));
        await _connector.DeployAsync(Run(Settings(), previous, null), CancellationToken.None);
        await _connector.DeployAsync(Run(Settings(), current, previous), CancellationToken.None);

        await _connector.RollbackAsync(Run(Settings(), current, previous), CancellationToken.None);

        Assert.Equal(previous.ThumbprintSha256, await new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", _firewall.ServingPort, null, CancellationToken.None));
        Assert.False(_firewall.SessionOpen);
    }

    [Fact]
    public async Task An_unreachable_ftp_server_fails_the_upload_step_and_logs_out()
    {
        var settings = Settings("ftp", extra: ("ftpPort", Infrastructure.FreePort.Next().ToString()));

        var error = await Assert.ThrowsAsync<TargetException>(() => _connector.DeployAsync(Run(settings, Certificate(1), null), CancellationToken.None));

        Assert.StartsWith("Connecting to ftp://127.0.0.1:", error.Message);
        Assert.Equal(1, _firewall.Logouts);
    }

    [Fact]
    public void The_endpoint_to_verify_is_the_management_address()
    {
        Assert.Equal(new VerificationEndpoint("127.0.0.1", _firewall.ApiPort, "127.0.0.1"), _connector.EndpointToVerify(Settings(), new Dictionary<string, string?>()));
    }

    private TargetSettings Settings(string importVia = "api", string password = SonicWallSimulator.Password, params (string Name, string Value)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["baseUrl"] = _firewall.BaseUrl, ["username"] = SonicWallSimulator.User, ["importVia"] = importVia,
            ["ftpHost"] = "127.0.0.1", ["ftpPort"] = vsftpd.Port.ToString(), ["ftpUsername"] = VsftpdFixture.User,
            ["tlsTrust"] = "pinned", ["pinnedCertSha256"] = _firewall.ManagementSha256,
        };
        foreach (var (name, value) in extra)
            values[name] = value;
        return new TargetSettings(values, new Dictionary<string, string?> { ["password"] = password, ["ftpPassword"] = VsftpdFixture.Password });
    }

    private ConnectorRun Run(TargetSettings settings, DeployableCertificate certificate, DeployableCertificate? previous) =>
        new(settings, new Dictionary<string, string?>(), certificate, previous, (name, _) => { _steps.Add(name); return Task.CompletedTask; });

    private static DeployableCertificate Certificate(int version)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=fw.example.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var leaf = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        return new DeployableCertificate(CertificateId, version, "fw.example.test", ["fw.example.test"], leaf.ExportCertificatePem(), "",
            key.ExportPkcs8PrivateKeyPem(), Convert.ToHexStringLower(SHA256.HashData(leaf.RawData)), leaf.NotAfter.ToUniversalTime());
    }
}
