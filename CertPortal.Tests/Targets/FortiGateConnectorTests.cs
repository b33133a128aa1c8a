using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.Targets.Connectors;
using CertPortal.Tests.Targets.Simulators;

namespace CertPortal.Tests.Targets;

public sealed class FortiGateConnectorTests : IAsyncLifetime
{
    private readonly FortiGateConnector connector = new();
    private FortiGateSimulator fortigate = null!;

    public async Task InitializeAsync() => fortigate = await FortiGateSimulator.StartAsync();

    public async Task DisposeAsync() => await fortigate.DisposeAsync();

    private TargetSettings Settings(string token = FortiGateSimulator.Token, string? pin = null, bool keepOld = false, bool sslVpn = false) => new(
        new Dictionary<string, string?>
        {
            ["baseUrl"] = fortigate.BaseUrl, ["bindAdminGui"] = "true", ["bindSslVpn"] = sslVpn ? "true" : "false", ["keepOld"] = keepOld ? "true" : "false",
            ["tlsTrust"] = "pinned", ["pinnedCertSha256"] = pin ?? fortigate.ManagementSha256,
        },
        new Dictionary<string, string?> { ["apiToken"] = token });

    /// <summary>What the admin GUI serves: the management address itself.</summary>
    private Task<string> ServedAsync() => new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", fortigate.ApiPort, "fw.example.test", default);

    private Task<string> SslVpnServedAsync() => new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", fortigate.ServedPort, "fw.example.test", default);

    [Fact]
    public async Task Test_reports_the_fortios_version_and_hostname()
    {
        var result = await connector.TestAsync(Settings(), default);

        Assert.True(result.Ok, result.Message);
        Assert.Contains("FGT-SIM", result.Message);
        Assert.Contains("v7.4.5", result.Message);
    }

    [Fact]
    public async Task Test_with_a_bad_token_says_the_token_was_refused()
    {
        var result = await connector.TestAsync(Settings(token: "wrong"), default);

        Assert.False(result.Ok);
        Assert.Contains("refused the API token (401)", result.Message);
    }

    [Fact]
    public async Task A_wrong_pin_is_refused_as_an_untrusted_management_certificate()
    {
        var e = await Assert.ThrowsAsync<TargetException>(() => connector.TestAsync(Settings(pin: new string('a', 64)), default));

        Assert.Contains("management certificate is not trusted", e.Message);
    }

    [Fact]
    public async Task Deploy_serves_the_new_version_on_the_admin_gui_with_its_chain_imported()
    {
        var v1 = TestCertificates.Version("fw.example.test", 1);

        await connector.DeployAsync(TestCertificates.Run(Settings(sslVpn: true), v1).Run, default);

        Assert.Equal(v1.ThumbprintSha256, await ServedAsync());
        Assert.Equal(v1.ThumbprintSha256, await SslVpnServedAsync());
        Assert.Equal("fw-example-test_v1", fortigate.SslVpnCert);
        Assert.Single(fortigate.Cas);
    }

    [Fact]
    public async Task After_the_admin_gui_is_bound_the_api_presents_the_new_certificate_so_the_old_pin_alone_is_refused()
    {
        var v1 = TestCertificates.Version("fw.example.test", 1);

        // SSL-VPN is bound after the admin GUI, on a new connection that meets v1: the run trusts the version it deploys.
        await connector.DeployAsync(TestCertificates.Run(Settings(sslVpn: true), v1).Run, default);

        Assert.Equal("fw-example-test_v1", fortigate.SslVpnCert);
        var e = await Assert.ThrowsAsync<TargetException>(() => connector.TestAsync(Settings(), default));
        Assert.Contains("management certificate is not trusted", e.Message);
        Assert.True((await connector.TestAsync(Settings(pin: v1.ThumbprintSha256), default)).Ok);
    }

    [Fact]
    public void Verify_port_overrides_where_the_served_certificate_is_checked()
    {
        var settings = Settings() with { Values = new Dictionary<string, string?>(Settings().Values) { ["verifyPort"] = "10443" } };

        Assert.Equal(10443, connector.EndpointToVerify(settings, new Dictionary<string, string?>())!.Port);
    }

    [Fact]
    public async Task Deploy_without_keep_old_deletes_only_versions_older_than_the_previous()
    {
        var id = Guid.NewGuid();
        var (v1, v2, v3) = (TestCertificates.Version("fw.example.test", 1, id), TestCertificates.Version("fw.example.test", 2, id), TestCertificates.Version("fw.example.test", 3, id));
        await connector.DeployAsync(TestCertificates.Run(Settings(keepOld: true), v1).Run, default);
        await connector.DeployAsync(TestCertificates.Run(Settings(keepOld: true), v2, v1).Run, default);
        fortigate.Local["someone-elses_v1"] = TlsSimulatorHost.SelfSigned("other.test");

        var (run, steps) = TestCertificates.Run(Settings(), v3, v2);
        await connector.DeployAsync(run, default);

        Assert.Equal(["fw-example-test_v2", "fw-example-test_v3", "someone-elses_v1"], fortigate.Local.Keys.Order());
        Assert.Contains(steps, s => s.Contains("Deleted the old version fw-example-test_v1"));
    }

    [Fact]
    public async Task Rollback_serves_the_previous_version_again()
    {
        var (v1, v2) = (TestCertificates.Version("fw.example.test", 1), TestCertificates.Version("fw.example.test", 2));
        await connector.DeployAsync(TestCertificates.Run(Settings(), v1).Run, default);
        await connector.DeployAsync(TestCertificates.Run(Settings(), v2, v1).Run, default);
        Assert.Equal(v2.ThumbprintSha256, await ServedAsync());

        var (run, steps) = TestCertificates.Run(Settings(), v2, v1);
        await connector.RollbackAsync(run, default);

        Assert.Equal(v1.ThumbprintSha256, await ServedAsync());
        Assert.Contains(steps, s => s.Contains("already on the FortiGate"));
    }

    [Fact]
    public async Task Deploying_the_same_version_again_treats_the_existing_name_as_imported()
    {
        var v1 = TestCertificates.Version("fw.example.test", 1);
        await connector.DeployAsync(TestCertificates.Run(Settings(), v1).Run, default);

        var (run, steps) = TestCertificates.Run(Settings(), v1);
        await connector.DeployAsync(run, default);

        Assert.Contains(steps, s => s.Contains("fw-example-test_v1 is already on the FortiGate"));
    }

    [Fact]
    public async Task A_model_without_ssl_vpn_skips_that_binding()
    {
        fortigate.HasSslVpn = false;

        var (run, steps) = TestCertificates.Run(Settings(sslVpn: true), TestCertificates.Version("fw.example.test", 1));
        await connector.DeployAsync(run, default);

        Assert.Contains(steps, s => s.Contains("no SSL-VPN settings"));
    }

    [Fact]
    public async Task A_certificate_in_use_is_kept_when_deleting_old_versions()
    {
        var id = Guid.NewGuid();
        var (v1, v2, v3) = (TestCertificates.Version("fw.example.test", 1, id), TestCertificates.Version("fw.example.test", 2, id), TestCertificates.Version("fw.example.test", 3, id));
        await connector.DeployAsync(TestCertificates.Run(Settings(keepOld: true, sslVpn: true), v1).Run, default);
        await connector.DeployAsync(TestCertificates.Run(Settings(keepOld: true), v2, v1).Run, default);

        var (run, steps) = TestCertificates.Run(Settings(), v3, v2);
        await connector.DeployAsync(run, default);

        Assert.Contains(steps, s => s.Contains("fw-example-test_v1 is still in use"));
        Assert.True(fortigate.Local.ContainsKey("fw-example-test_v1"));
    }

    [Theory]
    [InlineData("import", -651, "refused a value (importing fw-example-test_v1, error -651")]
    [InlineData("import", -14, "may not do this (importing fw-example-test_v1)")]
    [InlineData("ca", -5, "already exists (importing a CA certificate of the chain, error -5)")]
    [InlineData("bind-gui", -37, "may not do this (binding the admin GUI)")]
    [InlineData("bind-gui", -3, "did not find the object (binding the admin GUI, error -3)")]
    public async Task A_failing_step_gives_a_clear_message(string step, int code, string expected)
    {
        fortigate.FailAt[step] = code;

        var e = await Assert.ThrowsAsync<TargetException>(() => connector.DeployAsync(TestCertificates.Run(Settings(), TestCertificates.Version("fw.example.test", 1)).Run, default));

        Assert.Contains(expected, e.Message);
        Assert.Equal(step == "bind-gui" ? "bind" : "import", e.Step);
    }

    [Fact]
    public async Task Ssl_vpn_refusing_the_new_version_puts_the_admin_gui_back_on_the_previous_one()
    {
        var (v1, v2) = (TestCertificates.Version("fw.example.test", 1), TestCertificates.Version("fw.example.test", 2));
        await connector.DeployAsync(TestCertificates.Run(Settings(sslVpn: true), v1).Run, default);
        fortigate.FailAt["bind-sslvpn"] = -37;

        var (run, steps) = TestCertificates.Run(Settings(sslVpn: true), v2, v1);
        var e = await Assert.ThrowsAsync<TargetException>(() => connector.DeployAsync(run, default));

        Assert.True(e.Undone, e.Message);
        Assert.Equal("bind", e.Step);
        Assert.Contains("The admin GUI was put back on fw-example-test_v1", e.Message);
        Assert.Contains(steps, s => s.Contains("The admin GUI serves fw-example-test_v1 again"));
        Assert.Equal(v1.ThumbprintSha256, await ServedAsync());
        Assert.Equal(v1.ThumbprintSha256, await SslVpnServedAsync());
    }

    [Fact]
    public void The_admin_gui_is_verified_at_the_management_address()
    {
        var endpoint = connector.EndpointToVerify(Settings(), new Dictionary<string, string?>());

        Assert.Equal(new Uri(fortigate.BaseUrl).Port, endpoint!.Port);
    }

    [Fact]
    public async Task A_device_answering_html_fails_at_connect_before_any_change()
    {
        fortigate.AnswerHtml = true;

        var e = await Assert.ThrowsAsync<TargetException>(() => connector.DeployAsync(TestCertificates.Run(Settings(), TestCertificates.Version("fw.example.test", 1)).Run, default));

        Assert.Equal("connect", e.Step);
        Assert.Contains("reading the system status with 200 and no FortiOS JSON", e.Message);
        Assert.Empty(fortigate.Local);
    }

    [Fact]
    public async Task An_unreachable_device_is_named_in_the_message()
    {
        var closed = $"https://127.0.0.1:{Infrastructure.FreePort.Next()}";
        var settings = Settings() with { Values = new Dictionary<string, string?>(Settings().Values) { ["baseUrl"] = closed } };

        var e = await Assert.ThrowsAsync<TargetException>(() => connector.TestAsync(settings, default));

        Assert.Contains($"The FortiGate at {new Uri(closed).Authority} could not be reached", e.Message);
    }
}
