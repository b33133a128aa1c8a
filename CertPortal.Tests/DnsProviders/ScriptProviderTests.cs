using System.Diagnostics;
using CertPortal.Features.DnsProviders.Propagation;
using CertPortal.Features.DnsProviders.Providers;

namespace CertPortal.Tests.DnsProviders;

/// <summary>
/// The script provider with a real hook: a shell script that calls nsupdate against BIND, proven to Pebble; a hook
/// that fails and one that hangs past its time limit.
/// </summary>
public sealed class ScriptProviderTests(PebbleOnBindFixture peers) : IClassFixture<PebbleOnBindFixture>
{
    private readonly Dns01Solver _solver = LabDiscovery.Solver(peers.Bind.NameServer, peers.Bind.Port);

    [Fact]
    public async Task A_certificate_is_issued_with_the_record_the_hook_writes_and_the_hook_removes_it()
    {
        using var hook = new HookScript(peers.Bind);
        var steps = new List<string>();
        var record = await SolverIssuance.IssueAsync(peers.Pebble, _solver, new ScriptProvider(), Settings(hook), "hooked.example.test",
            [DnsServerAddress.Parse(peers.Bind.NameServer)], steps);
        Assert.Equal("_acme-challenge.hooked.example.test", record);
        Assert.Contains(steps, s => s.Contains("answered by every server"));
        Assert.Empty(await peers.Bind.TxtAsync(record));
    }

    [Fact]
    public async Task A_hook_that_exits_non_zero_fails_with_its_exit_code_and_standard_error()
    {
        using var hook = new HookScript(peers.Bind, secret: Convert.ToBase64String(new byte[32]));
        var error = await Assert.ThrowsAsync<DnsProviderException>(() => new ScriptProvider().CreateTxtAsync(Settings(hook),
            "_acme-challenge.refused.example.test", "value", CancellationToken.None));
        Assert.Contains($"The hook {hook.Program} add _acme-challenge.refused.example.test exited with code", error.Message);
        Assert.Contains("Its standard error:", error.Message);
        Assert.Contains("NOTAUTH", error.Message);
    }

    [Fact]
    public async Task A_hook_that_hangs_past_its_time_limit_is_killed_with_the_programs_it_started()
    {
        using var hook = new HookScript(peers.Bind, hangSeconds: 300);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<DnsProviderException>(() => new ScriptProvider().CreateTxtAsync(Settings(hook, timeoutSeconds: 2),
            "_acme-challenge.hangs.example.test", "value", CancellationToken.None));
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 30);
        Assert.Contains("did not finish within 2 s and was killed", error.Message);
        var child = hook.ChildPid ?? throw new InvalidOperationException("the hook never started its child");
        await Task.Delay(200);
        Assert.False(IsRunning(child), $"the hook's child {child} outlived the kill");
    }

    [Fact]
    public async Task A_record_name_reaches_the_hook_as_one_argument_and_is_never_run_by_a_shell()
    {
        using var hook = new HookScript(peers.Bind);
        var marker = Path.Combine(Path.GetTempPath(), $"injected-{Guid.NewGuid():N}");
        await Assert.ThrowsAsync<DnsProviderException>(() => new ScriptProvider().CreateTxtAsync(Settings(hook),
            $"x.example.test; touch {marker}", $"$(touch {marker})", CancellationToken.None));
        Assert.False(File.Exists(marker));
    }

    private static DnsProviderSettings Settings(HookScript hook, int? timeoutSeconds = null) => new(hook.Settings(timeoutSeconds), new Dictionary<string, string?>());

    // A killed child's parent may be gone too; until something reaps it, it is a zombie (state Z), not running.
    private static bool IsRunning(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(')').Last().Trim() is var rest && !rest.StartsWith('Z');
}
