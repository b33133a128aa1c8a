using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.Targets.Connectors;
using CertPortal.Tests.Targets.Simulators;

namespace CertPortal.Tests.Targets;

/// <summary>The iis connector against a real sshd whose powershell.exe is the IIS simulator (as the vendor documents it).</summary>
[SupportedOSPlatform("linux")]
public sealed partial class IisConnectorTests : IAsyncLifetime
{
    private const string Site = "Default Web Site";
    private const string Www = "*:443:www.example.test";
    private readonly IisConnector _connector = new();
    private IisSimulator _iis = null!;

    public async Task InitializeAsync()
    {
        _iis = await IisSimulator.StartAsync();
        _iis.AddSite(Site);
        _iis.AddSite("Shop");
    }

    public async Task DisposeAsync()
    {
        var unsupported = _iis.Unsupported.ToList();
        await _iis.DisposeAsync();
        Assert.Empty(unsupported);
    }

    [Fact]
    public async Task Test_without_a_pinned_host_key_shows_the_fingerprint_and_logs_in_nothing()
    {
        var result = await _connector.TestAsync(Settings(pin: null), default);

        Assert.False(result.Ok);
        Assert.Contains($"Host key {_iis.Sshd.HostKeySha256}", result.Message);
        Assert.Contains("paste it into hostKeySha256", result.Message);
        Assert.Equal(_iis.Sshd.HostKeySha256, result.SeenHostKeySha256);
        Assert.Empty(_iis.Scripts);
    }

    [Fact]
    public async Task Test_with_the_pin_shows_the_site_its_https_bindings_and_what_a_deployment_would_change()
    {
        using var manual = Loaded(TestCertificates.Version("www.example.test", 0));
        _iis.AddBinding(Site, Www, sni: true, manual);

        var result = await _connector.TestAsync(Settings(), default);

        Assert.True(result.Ok, result.Message);
        Assert.Contains($"Site '{Site}' (id 1) is Started", result.Message);
        Assert.Contains($"https bindings: {Www} (SNI) with {manual.Thumbprint[..8]}", result.Message);
        Assert.Contains($"A deployment binds the certificate to {Www} (SNI)", result.Message);
    }

    [Fact]
    public async Task Deploy_imports_rebinds_only_the_matching_binding_and_the_port_serves_the_new_certificate()
    {
        using var manual = Loaded(TestCertificates.Version("www.example.test", 0));
        using var other = Loaded(TestCertificates.Version("api.example.test", 0));
        _iis.AddBinding(Site, Www, sni: true, manual);
        _iis.AddBinding(Site, "*:443:api.example.test", sni: true, other);
        var v1 = TestCertificates.Version("www.example.test", 1);

        var (run, steps) = TestCertificates.Run(Settings(), v1);
        await _connector.DeployAsync(run, default);

        Assert.Equal(IisServer.Thumbprint(v1), _iis.BoundTo(Site, Www));
        Assert.Equal(other.Thumbprint, _iis.BoundTo(Site, "*:443:api.example.test"));
        Assert.Equal(v1.ThumbprintSha256, await ServedAsync("www.example.test"));
        Assert.Equal(["upload", "import", "bind", "cleanup"], steps.Select(s => s.Split(':')[0]));
        Assert.Contains(steps, s => s.StartsWith("cleanup") && s.Contains($"{manual.Thumbprint} stays in the store: CertPortal did not deploy it"));
        Assert.True(_iis.Store.ContainsKey(manual.Thumbprint));
        Assert.Empty(_iis.LeftInHome);
        var password = PfxPassword();
        Assert.DoesNotContain(steps, s => s.Contains(password));
    }

    [Fact]
    public async Task Deploy_creates_the_sni_binding_when_the_site_has_none_that_matches()
    {
        var v1 = TestCertificates.Version("www.example.test", 1);

        var (run, steps) = TestCertificates.Run(Settings(), v1);
        await _connector.DeployAsync(run, default);

        var binding = Assert.Single(_iis.Bindings);
        Assert.Equal((Www, 1, IisServer.Thumbprint(v1)), (binding.BindingInformation, binding.SslFlags, binding.CertificateHash));
        Assert.Equal(v1.ThumbprintSha256, await ServedAsync("www.example.test"));
        Assert.Contains(steps, s => s.StartsWith($"bind: Site '{Site}' had no matching https binding: created {Www} (SNI)"));
    }

    [Fact]
    public async Task Without_a_host_name_every_https_binding_of_the_site_gets_the_certificate_and_other_sites_keep_theirs()
    {
        using var manual = Loaded(TestCertificates.Version("example.test", 0));
        using var shop = Loaded(TestCertificates.Version("shop.example.test", 0));
        _iis.AddBinding(Site, "*:443:", sni: false, manual);
        _iis.AddBinding(Site, "*:8443:", sni: false, manual);
        _iis.AddBinding("Shop", "*:443:shop.example.test", sni: true, shop);
        var v1 = TestCertificates.Version("example.test", 1);

        await _connector.DeployAsync(TestCertificates.Run(Settings(hostName: null), v1).Run, default);

        Assert.Equal(IisServer.Thumbprint(v1), _iis.BoundTo(Site, "*:443:"));
        Assert.Equal(IisServer.Thumbprint(v1), _iis.BoundTo(Site, "*:8443:"));
        Assert.Equal(shop.Thumbprint, _iis.BoundTo("Shop", "*:443:shop.example.test"));
        Assert.Equal(v1.ThumbprintSha256, await ServedAsync("example.test"));
        Assert.Equal(v1.ThumbprintSha256, await ServedAsync("example.test", 8443));
        Assert.NotEqual(v1.ThumbprintSha256, await ServedAsync("shop.example.test"));
    }

    [Fact]
    public async Task The_next_version_replaces_the_previous_one_which_is_removed_when_no_binding_uses_it()
    {
        var (v1, v2) = (TestCertificates.Version("www.example.test", 1), TestCertificates.Version("www.example.test", 2));
        await _connector.DeployAsync(TestCertificates.Run(Settings(), v1).Run, default);

        var (run, steps) = TestCertificates.Run(Settings(), v2, v1);
        await _connector.DeployAsync(run, default);

        Assert.Equal(v2.ThumbprintSha256, await ServedAsync("www.example.test"));
        Assert.Equal([IisServer.Thumbprint(v2)], _iis.Store.Keys);
        Assert.Contains(steps, s => s == $"cleanup: Removed version 1 ({IisServer.Thumbprint(v1)}) from the store: no binding uses it.");
    }

    [Fact]
    public async Task The_previous_version_stays_in_the_store_while_another_site_still_uses_it()
    {
        var (v1, v2) = (TestCertificates.Version("www.example.test", 1), TestCertificates.Version("www.example.test", 2));
        await _connector.DeployAsync(TestCertificates.Run(Settings(), v1).Run, default);
        _iis.Bindings.Add(new SimulatedBinding("Shop", "*:8443:", 0, IisServer.Thumbprint(v1)));

        var (run, steps) = TestCertificates.Run(Settings(), v2, v1);
        await _connector.DeployAsync(run, default);

        Assert.Equal(v2.ThumbprintSha256, await ServedAsync("www.example.test"));
        Assert.True(_iis.Store.ContainsKey(IisServer.Thumbprint(v1)));
        Assert.Equal(v1.ThumbprintSha256, await ServedAsync("shop.example.test", 8443));
        Assert.Contains(steps, s => s.StartsWith("cleanup:") && s.Contains("site 'Shop' *:8443: still use it"));
    }

    [Fact]
    public async Task A_site_that_does_not_exist_is_named_with_the_sites_there_are_and_nothing_is_imported()
    {
        var e = await Assert.ThrowsAsync<TargetException>(() =>
            _connector.DeployAsync(TestCertificates.Run(Settings(site: "Intranet"), TestCertificates.Version("www.example.test", 1)).Run, default));

        Assert.Equal("IIS on 127.0.0.1:" + _iis.Sshd.Port + $" has no site 'Intranet' (sites: '{Site}', 'Shop'). Nothing was imported.", e.Message);
        Assert.Empty(_iis.Store);
        Assert.Empty(_iis.LeftInHome);
    }

    [Fact]
    public async Task A_failure_at_bind_names_the_step_puts_the_old_certificate_back_and_removes_the_new_one()
    {
        var (v1, v2) = (TestCertificates.Version("www.example.test", 1), TestCertificates.Version("www.example.test", 2));
        using var old = Loaded(v1);
        _iis.AddBinding(Site, Www, sni: true, old);
        _iis.AddBinding(Site, "*:443:example.test", sni: true, old);
        _iis.FailAt["bind"] = 1; // the first binding takes the new certificate, the second fails

        var e = await Assert.ThrowsAsync<TargetException>(() => _connector.DeployAsync(TestCertificates.Run(Settings(hostName: null), v2, v1).Run, default));

        Assert.StartsWith("The bind step failed: Binding ", e.Message);
        Assert.Contains("Cannot create a file when that file already exists. (Exception from HRESULT: 0x800700B7)", e.Message);
        Assert.Contains($"Put back: {Www} uses {old.Thumbprint} again, removed {IisServer.Thumbprint(v2)} from the store.", e.Message);
        Assert.All(_iis.Bindings, b => Assert.Equal(old.Thumbprint, b.CertificateHash));
        Assert.Equal([old.Thumbprint], _iis.Store.Keys);
        Assert.Equal(v1.ThumbprintSha256, await ServedAsync("www.example.test"));
        Assert.DoesNotContain(PfxPassword(), e.Message);
    }

    [Fact]
    public async Task A_failure_at_import_names_the_step_and_leaves_nothing_behind()
    {
        _iis.FailAt["import"] = 0;

        var e = await Assert.ThrowsAsync<TargetException>(() => _connector.DeployAsync(TestCertificates.Run(Settings(), TestCertificates.Version("www.example.test", 1)).Run, default));

        Assert.Equal("The import step failed: Importing the PKCS#12 file failed: Import-PfxCertificate : Access is denied. (Exception from HRESULT: 0x80070005 " +
            "(E_ACCESSDENIED)). Nothing on the server was changed.", e.Message);
        Assert.Empty(_iis.Store);
        Assert.Empty(_iis.Bindings);
        Assert.Empty(_iis.LeftInHome);
    }

    [Fact]
    public async Task An_unusable_private_key_is_explained_and_the_new_certificate_taken_out_again()
    {
        _iis.KeyUnusable = true;

        var e = await Assert.ThrowsAsync<TargetException>(() => _connector.DeployAsync(TestCertificates.Run(Settings(), TestCertificates.Version("www.example.test", 1)).Run, default));

        Assert.Contains("Windows cannot use the certificate's private key", e.Message);
        Assert.Contains("0x80070520", e.Message);
        Assert.Empty(_iis.Store);
        Assert.Empty(_iis.Bindings);
    }

    [Fact]
    public async Task Rollback_imports_the_removed_previous_version_again_rebinds_it_and_removes_the_failed_one()
    {
        var (v1, v2) = (TestCertificates.Version("www.example.test", 1), TestCertificates.Version("www.example.test", 2));
        await _connector.DeployAsync(TestCertificates.Run(Settings(), v1).Run, default);
        await _connector.DeployAsync(TestCertificates.Run(Settings(), v2, v1).Run, default);
        Assert.False(_iis.Store.ContainsKey(IisServer.Thumbprint(v1)));

        var (run, steps) = TestCertificates.Run(Settings(), v2, v1);
        await _connector.RollbackAsync(run, default);

        Assert.Equal(v1.ThumbprintSha256, await ServedAsync("www.example.test"));
        Assert.Equal([IisServer.Thumbprint(v1)], _iis.Store.Keys);
        Assert.Equal(["upload", "import", "rollback", "cleanup"], steps.Select(s => s.Split(':')[0]));
        Assert.Empty(_iis.LeftInHome);
    }

    [Fact]
    public async Task Rollback_rebinds_a_previous_version_still_in_the_store_without_importing_it()
    {
        var (v1, v2) = (TestCertificates.Version("www.example.test", 1), TestCertificates.Version("www.example.test", 2));
        await _connector.DeployAsync(TestCertificates.Run(Settings(), v1).Run, default);
        _iis.Bindings.Add(new SimulatedBinding("Shop", "*:8443:", 0, IisServer.Thumbprint(v1)));
        await _connector.DeployAsync(TestCertificates.Run(Settings(), v2, v1).Run, default);

        var (run, steps) = TestCertificates.Run(Settings(), v2, v1);
        await _connector.RollbackAsync(run, default);

        Assert.Equal(v1.ThumbprintSha256, await ServedAsync("www.example.test"));
        Assert.Equal([$"rollback: Bound version 1 ({IisServer.Thumbprint(v1)}) to {Www} (SNI) again.",
            $"cleanup: Removed version 2 ({IisServer.Thumbprint(v2)}) from the store: no binding uses it."], steps);
    }

    [Fact]
    public async Task A_changed_host_key_is_refused_before_any_script_is_sent()
    {
        var wrongPin = "SHA256:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=');

        var test = await Assert.ThrowsAsync<TargetException>(() => _connector.TestAsync(Settings(pin: wrongPin), default));
        var deploy = await Assert.ThrowsAsync<TargetException>(() => _connector.DeployAsync(TestCertificates.Run(Settings(pin: wrongPin), TestCertificates.Version("www.example.test", 1)).Run, default));

        Assert.Contains("man-in-the-middle", test.Message);
        Assert.Contains(_iis.Sshd.HostKeySha256, deploy.Message);
        Assert.Empty(_iis.Scripts);
    }

    [Fact]
    public async Task A_windows_server_without_iis_is_told_apart_from_a_failing_cmdlet()
    {
        _iis.HasIis = false;

        var e = await Assert.ThrowsAsync<TargetException>(() => _connector.TestAsync(Settings(), default));

        Assert.Contains("runs PowerShell but lacks an IIS cmdlet (Get-Website : The term 'Get-Website' is not recognized", e.Message);
        Assert.Contains("is IIS installed", e.Message);
    }

    [Fact]
    public async Task A_host_without_powershell_is_named_as_probably_not_a_windows_server()
    {
        var linux = new SshdFixture();
        await linux.InitializeAsync();
        try
        {
            var settings = new TargetSettings(new Dictionary<string, string?>
            {
                ["host"] = "127.0.0.1", ["port"] = linux.Port.ToString(), ["username"] = linux.User, ["hostKeySha256"] = linux.HostKeySha256, ["siteName"] = Site,
            }, new Dictionary<string, string?> { ["privateKey"] = linux.ClientKeyPem });

            var e = await Assert.ThrowsAsync<TargetException>(() => _connector.TestAsync(settings, default));

            Assert.StartsWith($"127.0.0.1:{linux.Port} has no powershell.exe: is it a Windows server? (the shell said: ", e.Message);
            Assert.Contains("powershell.exe: command not found", e.Message);
        }
        finally
        {
            await linux.DisposeAsync();
        }
    }

    [Fact]
    public async Task Wrong_credentials_and_a_closed_port_fail_with_a_clear_message()
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var wrongKey = new TargetSettings(Settings().Values, new Dictionary<string, string?> { ["privateKey"] = stranger.ExportECPrivateKeyPem() });
        var refused = await Assert.ThrowsAsync<TargetException>(() => _connector.TestAsync(wrongKey, default));
        Assert.Contains($"refused the login as '{_iis.Sshd.User}'", refused.Message);

        var closed = With(Settings(), "port", Infrastructure.FreePort.Next().ToString());
        var unreachable = await Assert.ThrowsAsync<TargetException>(() => _connector.TestAsync(closed, default));
        Assert.Contains("Could not connect to 127.0.0.1:", unreachable.Message);
    }

    [Fact]
    public void The_endpoint_to_verify_is_the_binding_host_name_on_the_https_port_unless_set()
    {
        var none = new Dictionary<string, string?>();
        Assert.Equal(new VerificationEndpoint("www.example.test", 443, "www.example.test"), _connector.EndpointToVerify(Settings(), none));
        Assert.Equal(new VerificationEndpoint("127.0.0.1", 8443, "127.0.0.1"), _connector.EndpointToVerify(With(Settings(hostName: null), "httpsPort", "8443"), none));
        Assert.Equal(new VerificationEndpoint("10.0.0.5", 443, "www.example.test"), _connector.EndpointToVerify(With(Settings(), "verifyHost", "10.0.0.5"), none));
    }

    [Fact]
    public async Task Sni_without_a_host_name_is_refused_before_connecting()
    {
        var e = await Assert.ThrowsAsync<TargetException>(() => _connector.TestAsync(With(Settings(hostName: null), "sni", "true"), default));

        Assert.Equal("sni needs hostName: IIS selects an SNI binding by its host name.", e.Message);
    }

    private TargetSettings Settings(string? hostName = "www.example.test", string? pin = "pinned", string site = Site) => new(
        new Dictionary<string, string?>
        {
            ["host"] = "127.0.0.1", ["port"] = _iis.Sshd.Port.ToString(), ["username"] = _iis.Sshd.User,
            ["hostKeySha256"] = pin == "pinned" ? _iis.Sshd.HostKeySha256 : pin, ["siteName"] = site, ["hostName"] = hostName,
        },
        new Dictionary<string, string?> { ["privateKey"] = _iis.Sshd.ClientKeyPem });

    private static TargetSettings With(TargetSettings settings, string name, string? value) =>
        new(new Dictionary<string, string?>(settings.Values) { [name] = value }, settings.Secrets);

    private Task<string> ServedAsync(string sni, int port = 443) =>
        new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", _iis.HttpSys.LoopbackPortFor(port), sni, default);

    /// <summary>The one-time PFX password of the last import, as the simulator read it from its file; never on a command line.</summary>
    private string PfxPassword()
    {
        var password = _iis.PfxPasswords[^1];
        Assert.DoesNotContain(_iis.Scripts, s => s.Contains(password));
        return password;
    }

    private static X509Certificate2 Loaded(DeployableCertificate version) => X509CertificateLoader.LoadPkcs12(version.Pfx("p"), "p", X509KeyStorageFlags.Exportable);
}
