using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.Targets.Connectors;
using CertPortal.Tests.Targets.Simulators;

namespace CertPortal.Tests.Targets;

public sealed class PanOsConnectorTests : IAsyncLifetime
{
    private readonly PanOsConnector connector = new(TimeProvider.System) { PollInterval = TimeSpan.FromMilliseconds(20), CommitAttempts = 3 };
    private PanOsSimulator panos = null!;

    public async Task InitializeAsync() => panos = await PanOsSimulator.StartAsync();

    public async Task DisposeAsync() => await panos.DisposeAsync();

    private TargetSettings Settings(string key = PanOsSimulator.Key, string? pin = null, bool commit = true) => new(
        new Dictionary<string, string?>
        {
            ["baseUrl"] = panos.BaseUrl, ["certificateName"] = "certportal-fw", ["sslTlsProfile"] = PanOsSimulator.Profile, ["commit"] = commit ? "true" : "false",
            ["tlsTrust"] = "pinned", ["pinnedCertSha256"] = pin ?? panos.ManagementSha256,
        },
        new Dictionary<string, string?> { ["apiKey"] = key });

    private Task<string> ServedAsync() => new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", panos.ServedPort, "fw.example.test", default);

    private static DeployableCertificate V(int version) => TestCertificates.Version("fw.example.test", version);

    [Fact]
    public async Task Test_reports_the_hostname_and_pan_os_version()
    {
        var result = await connector.TestAsync(Settings(), default);

        Assert.True(result.Ok, result.Message);
        Assert.Equal("PAN-OS PA-SIM (PA-VM) runs 11.1.4.", result.Message);
    }

    [Fact]
    public async Task Test_with_a_bad_key_says_the_key_was_refused()
    {
        var result = await connector.TestAsync(Settings(key: "wrong"), default);

        Assert.False(result.Ok);
        Assert.Contains("refused the API key (403)", result.Message);
    }

    [Fact]
    public async Task A_wrong_pin_is_refused_as_an_untrusted_management_certificate()
    {
        var e = await Assert.ThrowsAsync<TargetException>(() => connector.TestAsync(Settings(pin: new string('b', 64)), default));

        Assert.Contains("management certificate is not trusted", e.Message);
    }

    [Fact]
    public async Task Deploy_imports_with_an_unquoted_boundary_commits_and_serves_the_new_version()
    {
        var v1 = V(1);

        var (run, steps) = TestCertificates.Run(Settings(), v1);
        await connector.DeployAsync(run, default);

        Assert.Equal(v1.ThumbprintSha256, await ServedAsync());
        Assert.DoesNotContain("\"", panos.LastImportContentType);
        Assert.Contains(steps, s => s.StartsWith("commit: Commit job") && s.EndsWith("finished OK."));
    }

    [Fact]
    public async Task A_committed_management_profile_makes_the_api_present_the_new_certificate()
    {
        var (v1, v2) = (V(1), V(2));
        await connector.DeployAsync(TestCertificates.Run(Settings(), v1).Run, default);

        // The next run meets v1 on the management API and still gets through: it trusts the versions it handles.
        await connector.DeployAsync(TestCertificates.Run(Settings(), v2, v1).Run, default);

        Assert.Equal(v2.ThumbprintSha256, await new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", panos.ApiPort, null, default));
        var e = await Assert.ThrowsAsync<TargetException>(() => connector.TestAsync(Settings(), default));
        Assert.Contains("management certificate is not trusted", e.Message);
    }

    [Fact]
    public async Task A_profile_management_does_not_use_leaves_the_management_certificate_alone()
    {
        panos.ManagementProfile = null;

        await connector.DeployAsync(TestCertificates.Run(Settings(), V(1)).Run, default);

        Assert.Equal(panos.ManagementSha256, await new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", panos.ApiPort, null, default));
        Assert.True((await connector.TestAsync(Settings(), default)).Ok);
    }

    [Fact]
    public async Task Without_commit_the_change_stays_in_the_candidate_configuration()
    {
        await connector.DeployAsync(TestCertificates.Run(Settings(commit: false), V(1)).Run, default);

        Assert.Equal(0, panos.Commits);
        Assert.Equal(panos.ManagementSha256, await ServedAsync());
    }

    [Fact]
    public async Task Rollback_imports_the_previous_version_again_and_serves_it()
    {
        var (v1, v2) = (V(1), V(2));
        await connector.DeployAsync(TestCertificates.Run(Settings(), v1).Run, default);
        await connector.DeployAsync(TestCertificates.Run(Settings(), v2, v1).Run, default);
        Assert.Equal(v2.ThumbprintSha256, await ServedAsync());

        await connector.RollbackAsync(TestCertificates.Run(Settings(), v2, v1).Run, default);

        Assert.Equal(v1.ThumbprintSha256, await ServedAsync());
    }

    [Fact]
    public async Task A_commit_in_progress_is_waited_for()
    {
        panos.CommitsInProgress = 2;
        panos.PollsBeforeFinish = 3;

        var (run, steps) = TestCertificates.Run(Settings(), V(1));
        await connector.DeployAsync(run, default);

        Assert.Equal(2, steps.Count(s => s.Contains("Another commit is in progress; waiting")));
        Assert.Equal(1, panos.Commits);
    }

    [Fact]
    public async Task A_commit_that_stays_in_progress_gives_up_with_a_clear_message()
    {
        panos.CommitsInProgress = 10;

        var e = await Assert.ThrowsAsync<TargetException>(() => connector.DeployAsync(TestCertificates.Run(Settings(), V(1)).Run, default));

        Assert.Contains("Another commit was still in progress after 3 attempts", e.Message);
    }

    [Fact]
    public async Task A_failed_commit_job_reports_its_details()
    {
        panos.JobFailure = "ssl-tls-service-profile -> portal-profile is invalid";

        var e = await Assert.ThrowsAsync<TargetException>(() => connector.DeployAsync(TestCertificates.Run(Settings(), V(1)).Run, default));

        Assert.Equal("The commit (job 100) failed: ssl-tls-service-profile -> portal-profile is invalid", e.Message);
    }

    [Theory]
    [InlineData("import", 16, "not authorized (importing version 1 as certportal-fw, code 16)")]
    [InlineData("import", 18, "malformed (importing version 1 as certportal-fw, code 18)")]
    [InlineData("bind", 7, "not present (pointing the SSL/TLS profile portal-profile at certportal-fw, code 7)")]
    [InlineData("bind", 15, "denied access (pointing the SSL/TLS profile portal-profile at certportal-fw, code 15)")]
    [InlineData("commit", 10, "still in use (committing, code 10)")]
    [InlineData("commit", 13, "did not find the object (committing, code 13)")]
    public async Task A_failing_step_gives_a_clear_message(string step, int code, string expected)
    {
        panos.FailAt[step] = code;

        var e = await Assert.ThrowsAsync<TargetException>(() => connector.DeployAsync(TestCertificates.Run(Settings(), V(1)).Run, default));

        Assert.Contains(expected, e.Message);
        Assert.Equal(step, e.Step);
    }

    [Fact]
    public async Task A_name_longer_than_pan_os_allows_is_refused_before_any_change()
    {
        var settings = Settings() with { Values = new Dictionary<string, string?>(Settings().Values) { ["certificateName"] = new string('n', 32) } };

        var e = await Assert.ThrowsAsync<TargetException>(() => connector.DeployAsync(TestCertificates.Run(settings, V(1)).Run, default));

        Assert.Contains("at most 31", e.Message);
        Assert.Null(panos.LastImportContentType);
    }

    [Fact]
    public async Task A_profile_name_with_a_quote_is_refused_before_any_change()
    {
        var settings = Settings() with { Values = new Dictionary<string, string?>(Settings().Values) { ["sslTlsProfile"] = "web'] | //entry[@name='x" } };

        var e = await Assert.ThrowsAsync<TargetException>(() => connector.DeployAsync(TestCertificates.Run(settings, V(1)).Run, default));

        Assert.Contains("sslTlsProfile must be at most 31", e.Message);
        Assert.Null(panos.LastImportContentType);
    }

    [Fact]
    public async Task A_device_answering_html_fails_at_connect_before_any_change()
    {
        panos.AnswerHtml = true;

        var e = await Assert.ThrowsAsync<TargetException>(() => connector.DeployAsync(TestCertificates.Run(Settings(), V(1)).Run, default));

        Assert.Equal("connect", e.Step);
        Assert.Contains("PAN-OS answered reading the system info with 200 and no XML API response", e.Message);
        Assert.Null(panos.LastImportContentType);
    }
}
