using CertPortal.Features.Targets.Connectors;
using CertPortal.Tests.Targets.Simulators;

namespace CertPortal.Tests.Targets;

/// <summary>Trust pushed to PAN-OS: the CA imported without a key, made a trusted root CA, committed, and read back from the running configuration.</summary>
public sealed class PanOsTrustTests : IAsyncLifetime
{
    private readonly PanOsConnector connector = new(TimeProvider.System) { PollInterval = TimeSpan.FromMilliseconds(20) };
    private readonly TrustMaterials ca = new("Contoso Devices");
    private PanOsSimulator panos = null!;

    public async Task InitializeAsync() => panos = await PanOsSimulator.StartAsync();

    public async Task DisposeAsync()
    {
        await panos.DisposeAsync();
        ca.Dispose();
    }

    private TargetSettings Settings => new(
        new Dictionary<string, string?> { ["baseUrl"] = panos.BaseUrl, ["certificateName"] = "unused", ["tlsTrust"] = "pinned", ["pinnedCertSha256"] = panos.ManagementSha256 },
        new Dictionary<string, string?> { ["apiKey"] = PanOsSimulator.Key });

    [Fact]
    public async Task Push_imports_the_ca_marks_it_a_trusted_root_and_commits_and_the_running_configuration_shows_it()
    {
        var (push, steps) = TrustMaterials.Push(Settings, ca.Material(ca.Crl(1), 1, deviceName: "Contoso-Devices"));

        await connector.PushTrustAsync(push, default);

        Assert.Equal(["connect", "import", "trust", "commit", "crl"], steps.Select(s => s.Split(':')[0]));
        Assert.Contains("fetches the CRL itself", steps[^1]);
        Assert.Equal(1, panos.Commits);
        Assert.Contains("Contoso-Devices, a trusted root CA", await connector.VerifyTrustAsync(push, default));
    }

    [Fact]
    public async Task A_failed_commit_fails_the_push_at_the_commit_step_and_verification_finds_nothing_running()
    {
        panos.JobFailure = "Validation Error: trusted-root-CA is invalid";
        var (push, _) = TrustMaterials.Push(Settings, ca.Material(null, 0, deviceName: "Contoso-Devices"));

        var failed = await Assert.ThrowsAsync<TargetException>(() => connector.PushTrustAsync(push, default));

        Assert.Equal("commit", failed.Step);
        Assert.Contains("trusted-root-CA is invalid", failed.Message);
        var missing = await Assert.ThrowsAsync<TargetException>(() => connector.VerifyTrustAsync(push, default));
        Assert.Contains("does not hold the pushed CA", missing.Message);
    }

    [Fact]
    public async Task A_name_the_firewall_cannot_take_is_a_setting_error_before_any_call()
    {
        var (push, _) = TrustMaterials.Push(Settings, ca.Material(null, 0, deviceName: "name with 'quotes'"));

        var refused = await Assert.ThrowsAsync<TargetException>(() => connector.PushTrustAsync(push, default));

        Assert.True(refused.Configuration);
        Assert.Equal(0, panos.Commits);
    }
}
