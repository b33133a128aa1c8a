using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using CertPortal.Features.Targets.Connectors;
using CertPortal.Tests.Targets.Simulators;

namespace CertPortal.Tests.Targets;

/// <summary>
/// Trust pushed to Windows/IIS over a real sshd whose powershell.exe is the IIS simulator: the CA into LocalMachine\Root
/// (or \CA) with Import-Certificate, its CRL into \CA with certutil, read back with Get-ChildItem and certutil -store.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class IisTrustTests : IAsyncLifetime
{
    private readonly IisConnector _connector = new();
    private readonly TrustMaterials _ca = new("Contoso Devices");
    private IisSimulator _iis = null!;

    public async Task InitializeAsync() => _iis = await IisSimulator.StartAsync("Default Web Site");

    public async Task DisposeAsync()
    {
        var unsupported = await _iis.StopAsync();
        // The CRL each push keeps in the login's home for a later rollback; this test's CA only.
        File.Delete(IisSimulator.KeptCrlPath(Sha256(_ca)));
        _ca.Dispose();
        Assert.Empty(unsupported);
    }

    [Fact]
    public async Task Push_puts_a_root_into_root_and_its_crl_into_ca_and_a_newer_crl_replaces_the_older_one()
    {
        var (first, steps) = TrustMaterials.Push(Settings(), _ca.Material(_ca.Crl(1), 1));
        await _connector.PushTrustAsync(first, default);
        var seen = await _connector.VerifyTrustAsync(first, default);

        Assert.Equal(["connect", "import", "crl"], steps.Select(s => s.Split(':')[0]));
        Assert.Contains(@"Imported CA 'Contoso Devices'", steps[1]);
        Assert.True(_iis.TrustStores["Root"].ContainsKey(_ca.Thumbprint));
        Assert.Empty(_iis.TrustStores["CA"]);
        Assert.Contains("CRL number 1", seen);
        Assert.Contains(@"Cert:\LocalMachine\Root holds the CA", seen);

        var newer = _ca.Crl(2, revokedSerials: 1);
        var (second, again) = TrustMaterials.Push(Settings(), _ca.Material(newer, 2));
        await _connector.PushTrustAsync(second, default);

        Assert.Contains("already in", again[1]);
        Assert.Contains("it replaces CRL number 1 pushed before", again[2]);
        Assert.Contains("CRL number 2", await _connector.VerifyTrustAsync(second, default));
        Assert.Equal(newer, Assert.Single(_iis.Crls));
        Assert.Single(_iis.TrustStores["Root"]);
        Assert.Empty(Uploads());
        Assert.Contains(_iis.Scripts, s => s.Contains(@"-CertStoreLocation 'Cert:\LocalMachine\Root'"));
        Assert.Contains(_iis.Scripts, s => s.Contains("certutil -f -addstore CA"));
    }

    [Fact]
    public async Task An_intermediate_goes_to_the_ca_store_unless_the_binding_names_root()
    {
        using var issuing = _ca.Intermediate("Contoso Issuing");
        var (push, _) = TrustMaterials.Push(Settings(), issuing.Material(issuing.Crl(4), 4));
        await _connector.PushTrustAsync(push, default);

        Assert.True(_iis.TrustStores["CA"].ContainsKey(issuing.Thumbprint));
        Assert.Contains(@"Cert:\LocalMachine\CA holds the CA", await _connector.VerifyTrustAsync(push, default));

        var (rooted, _) = TrustMaterials.Push(Settings(), issuing.Material(null, 0), new() { ["store"] = "Root" });
        await _connector.PushTrustAsync(rooted, default);
        Assert.True(_iis.TrustStores["Root"].ContainsKey(issuing.Thumbprint));
        File.Delete(IisSimulator.KeptCrlPath(Sha256(issuing)));
    }

    [Fact]
    public async Task Verify_notices_a_ca_someone_removed_and_a_crl_that_is_not_there()
    {
        var (push, _) = TrustMaterials.Push(Settings(), _ca.Material(_ca.Crl(3), 3));
        await _connector.PushTrustAsync(push, default);
        lock (_iis.Gate)
            _iis.Crls.Clear();

        var noCrl = await Assert.ThrowsAsync<TargetException>(() => _connector.VerifyTrustAsync(push, default));
        Assert.Equal("verify", noCrl.Step);
        Assert.Contains(@"Cert:\LocalMachine\CA does not hold CRL number 3", noCrl.Message);

        lock (_iis.Gate)
            _iis.TrustStores["Root"].Clear();
        var noCa = await Assert.ThrowsAsync<TargetException>(() => _connector.VerifyTrustAsync(push, default));
        Assert.Contains($@"Cert:\LocalMachine\Root does not hold the CA {_ca.Thumbprint}", noCa.Message);
    }

    [Fact]
    public async Task Rollback_removes_what_the_push_added_and_puts_back_the_crl_pushed_before()
    {
        var older = _ca.Crl(5);
        var (first, _) = TrustMaterials.Push(Settings(), _ca.Material(older, 5));
        await _connector.PushTrustAsync(first, default);
        var (second, _) = TrustMaterials.Push(Settings(), _ca.Material(_ca.Crl(6, revokedSerials: 2), 6));
        await _connector.PushTrustAsync(second, default);

        var undone = await _connector.RollbackTrustAsync(second, default);

        Assert.Contains("Put back CRL number 5, which the portal had pushed before, in place of CRL number 6.", undone);
        Assert.Contains("it was there before this run", undone);
        Assert.Equal(older, Assert.Single(_iis.Crls));
        Assert.True(_iis.TrustStores["Root"].ContainsKey(_ca.Thumbprint));

        // A run that pushed the CRL the store held already leaves it there.
        var (same, _) = TrustMaterials.Push(Settings(), _ca.Material(older, 5));
        await _connector.PushTrustAsync(same, default);
        Assert.Contains("CRL number 5 stays: the portal had put it there before this run.", await _connector.RollbackTrustAsync(same, default));
        Assert.Equal(older, Assert.Single(_iis.Crls));

        // The first push found neither the CA nor a CRL of it: its rollback takes both out again.
        var all = await _connector.RollbackTrustAsync(first, default);
        Assert.Contains("Removed CRL number 5; the portal had put no CRL of this CA there before.", all);
        Assert.Contains($"Removed the CA {_ca.Thumbprint}, which this run had imported", all);
        Assert.Empty(_iis.Crls);
        Assert.Empty(_iis.TrustStores["Root"]);
    }

    [Fact]
    public async Task A_login_that_is_not_elevated_is_told_so_and_nothing_is_changed()
    {
        _iis.Elevated = false;
        var (push, steps) = TrustMaterials.Push(Settings(), _ca.Material(_ca.Crl(1), 1));

        var refused = await Assert.ThrowsAsync<TargetException>(() => _connector.PushTrustAsync(push, default));

        Assert.Equal("import", refused.Step);
        Assert.Contains("Access is denied", refused.Message);
        Assert.Contains("only from an elevated administrator", refused.Message);
        Assert.Equal(["connect"], steps.Select(s => s.Split(':')[0]));
        Assert.Empty(_iis.TrustStores["Root"]);
        Assert.Empty(Uploads());
    }

    [Fact]
    public async Task A_crl_windows_cannot_read_fails_the_crl_step_and_the_imported_ca_is_taken_out_again()
    {
        var (push, _) = TrustMaterials.Push(Settings(), _ca.Material([0x04, 0x03, 0x01, 0x02, 0x03], 9));

        var refused = await Assert.ThrowsAsync<TargetException>(() => _connector.PushTrustAsync(push, default));

        Assert.Equal("crl", refused.Step);
        Assert.True(refused.Undone);
        Assert.Contains("Adding the CRL to Cert:\\LocalMachine\\CA failed: CertUtil: -addstore command FAILED: 0x8009310b", refused.Message);
        Assert.Contains($"Removed the CA {_ca.Thumbprint}, which this run had imported", refused.Message);
        Assert.Empty(_iis.TrustStores["Root"]);
        Assert.Empty(_iis.Crls);
        Assert.Empty(Uploads());
    }

    private TargetSettings Settings() => new(
        new Dictionary<string, string?>
        {
            ["host"] = "127.0.0.1", ["port"] = _iis.Sshd.Port.ToString(), ["username"] = _iis.Sshd.User,
            ["hostKeySha256"] = _iis.Sshd.HostKeySha256, ["siteName"] = "Default Web Site",
        },
        new Dictionary<string, string?> { ["privateKey"] = _iis.Sshd.ClientKeyPem });

    /// <summary>Files this test's scripts imported from (named by a GUID) that are still in the login's home.</summary>
    private IReadOnlyList<string> Uploads()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        lock (_iis.Gate)
            return _iis.Scripts.SelectMany(s => UploadName().Matches(s)).Select(m => Path.Combine(home, IisCertStores.Folder, m.Groups[1].Value)).Where(File.Exists).ToList();
    }

    private static string Sha256(TrustMaterials ca) => ca.Material(null, 0).CaThumbprintSha256;

    [GeneratedRegex(@"certportal-trust\\([0-9a-f]{32}\.(?:cer|crl))")]
    private static partial Regex UploadName();
}
