using CertPortal.Features.Targets.Connectors;
using CertPortal.Tests.Targets.Simulators;

namespace CertPortal.Tests.Targets;

/// <summary>Trust pushed to a FortiGate through the documented CA and CRL import calls, read back from the CA and CRL lists.</summary>
public sealed class FortiGateTrustTests : IAsyncLifetime
{
    private readonly FortiGateConnector connector = new();
    private readonly TrustMaterials ca = new("Contoso Devices");
    private FortiGateSimulator fortigate = null!;

    public async Task InitializeAsync() => fortigate = await FortiGateSimulator.StartAsync();

    public async Task DisposeAsync()
    {
        await fortigate.DisposeAsync();
        ca.Dispose();
    }

    private TargetSettings Settings => new(
        new Dictionary<string, string?> { ["baseUrl"] = fortigate.BaseUrl, ["tlsTrust"] = "pinned", ["pinnedCertSha256"] = fortigate.ManagementSha256 },
        new Dictionary<string, string?> { ["apiToken"] = FortiGateSimulator.Token });

    [Fact]
    public async Task Push_imports_the_ca_and_its_crl_and_a_newer_crl_replaces_the_older_one()
    {
        var (first, steps) = TrustMaterials.Push(Settings, ca.Material(ca.Crl(1), 1));
        await connector.PushTrustAsync(first, default);
        var seen = await connector.VerifyTrustAsync(first, default);

        Assert.Equal(["connect", "import", "crl"], steps.Select(s => s.Split(':')[0]));
        Assert.Contains("CA 'Contoso Devices' imported.", steps[1]);
        Assert.Contains("CRL number 1", seen);
        Assert.Single(fortigate.Cas);

        var newer = ca.Crl(2, revokedSerials: 1);
        var (second, again) = TrustMaterials.Push(Settings, ca.Material(newer, 2));
        await connector.PushTrustAsync(second, default);

        Assert.Contains("already on the FortiGate", again[1]);
        Assert.Contains("CRL number 2", await connector.VerifyTrustAsync(second, default));
        Assert.Equal(newer, Assert.Single(fortigate.Crls).Value);
    }

    [Fact]
    public async Task A_crl_of_another_ca_is_refused_at_the_crl_step_and_verification_notices_a_missing_crl()
    {
        using var other = new TrustMaterials("Someone Else");
        var (push, _) = TrustMaterials.Push(Settings, ca.Material(other.Crl(7), 7));

        var refused = await Assert.ThrowsAsync<TargetException>(() => connector.PushTrustAsync(push, default));

        Assert.Equal("crl", refused.Step);
        Assert.Contains("importing CRL number 7", refused.Message);
        var missing = await Assert.ThrowsAsync<TargetException>(() => connector.VerifyTrustAsync(push, default));
        Assert.Contains("does not hold CRL number 7", missing.Message);
        var rollback = await Assert.ThrowsAsync<TargetException>(() => connector.RollbackTrustAsync(push, default));
        Assert.Contains("no documented call", rollback.Message);
    }
}
