using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Targets.Simulators;

/// <summary>
/// A Windows Server with IIS as the vendor documents it, behind a real sshd: the login's PATH starts with a
/// folder holding a <c>powershell.exe</c> script that forwards its arguments and working directory with curl to this
/// simulator, which interprets the script (<see cref="IisPowerShell"/>) against its state: LocalMachine\My, Root and CA
/// (with its CRLs), sites and their https bindings. <see cref="HttpSys"/> serves TLS as those bindings say. <see cref="FailAt"/> makes a step fail.
/// </summary>
public sealed class IisSimulator : IAsyncDisposable
{
    private readonly TempFolder _bin;
    private WebApplication _app = null!;

    private IisSimulator(TempFolder bin, SshdFixture sshd) => (_bin, Sshd) = (bin, sshd);

    public SshdFixture Sshd { get; }

    public SimulatedHttpSys HttpSys { get; private set; } = null!;

    public object Gate { get; } = new();

    /// <summary>Cert:\LocalMachine\My: SHA-1 thumbprint (uppercase) → certificate with its key.</summary>
    public Dictionary<string, X509Certificate2> Store { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Cert:\LocalMachine\Root and Cert:\LocalMachine\CA: store name → SHA-1 thumbprint (uppercase) → certificate.</summary>
    public Dictionary<string, Dictionary<string, X509Certificate2>> TrustStores { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Root"] = new(StringComparer.OrdinalIgnoreCase),
        ["CA"] = new(StringComparer.OrdinalIgnoreCase),
    };

    /// <summary>The CRLs in Cert:\LocalMachine\CA, as certutil added them (DER).</summary>
    public List<byte[]> Crls { get; } = [];

    /// <summary>False: the login is not an elevated administrator, so changes to the LocalMachine stores are denied.</summary>
    public bool Elevated { get; set; } = true;

    public Dictionary<string, long> Sites { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<SimulatedBinding> Bindings { get; } = [];

    /// <summary>Step ("import", "bind", "remove", "unbind", "read", "import-ca", "addstore") → how many calls of it succeed before it fails once.</summary>
    public Dictionary<string, int> FailAt { get; } = [];

    /// <summary>Without IIS the IIS cmdlets are unknown, as on a Windows server without the Web Server role.</summary>
    public bool HasIis { get; set; } = true;

    /// <summary>Binding then fails with 0x80070520, as when the key was imported in another logon session.</summary>
    public bool KeyUnusable { get; set; }

    /// <summary>Every script the connector sent, decoded.</summary>
    public List<string> Scripts { get; } = [];

    /// <summary>The one-time PKCS#12 passwords Import-PfxCertificate read from their files, so tests can look for them where they must not be.</summary>
    public List<string> PfxPasswords { get; } = [];

    /// <summary>What the simulator did not know: undocumented cmdlets, parameters or shapes. Must stay empty.</summary>
    public List<string> Unsupported { get; } = [];

    /// <summary>Starts the simulated server with the IIS sites named.</summary>
    [SupportedOSPlatform("linux")]
    public static async Task<IisSimulator> StartAsync(params string[] sites)
    {
        var folder = new TempFolder("iis-bin");
        var bin = folder.Path;
        var sshd = new SshdFixture { SessionEnvironment = new Dictionary<string, string> { ["PATH"] = $"{bin}:/usr/bin:/bin" } };
        var simulator = new IisSimulator(folder, sshd);
        var port = FreePort.Next();
        await File.WriteAllTextAsync(Path.Combine(bin, "powershell.exe"), Forwarder(port));
        File.SetUnixFileMode(Path.Combine(bin, "powershell.exe"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        simulator.HttpSys = new SimulatedHttpSys(simulator.Served);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        simulator._app = builder.Build();
        simulator._app.MapPost("/powershell", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var (exit, output, error) = new IisPowerShell(simulator).Run([.. form["arg"].Select(a => a ?? "")], form["pwd"].ToString());
            return Results.Text($"{exit}\n{Convert.ToBase64String(Encoding.UTF8.GetBytes(output))}\n{Convert.ToBase64String(Encoding.UTF8.GetBytes(error))}\n");
        });
        await simulator._app.StartAsync();
        await sshd.InitializeAsync();
        foreach (var site in sites)
            simulator.AddSite(site);
        return simulator;
    }

    // The script answers as powershell.exe would: stdout, stderr and the exit code the simulator decided.
    private static string Forwarder(int port) => $$"""
        #!/bin/bash
        args=(--data-urlencode "pwd=$PWD")
        for a in "$@"; do args+=(--data-urlencode "arg=$a"); done
        reply=$(curl -sS --fail -X POST "http://127.0.0.1:{{port}}/powershell" "${args[@]}") || { echo "simulator unreachable" >&2; exit 99; }
        printf '%s\n' "$reply" | sed -n 2p | base64 -d
        printf '%s\n' "$reply" | sed -n 3p | base64 -d >&2
        exit "$(printf '%s\n' "$reply" | sed -n 1p)"

        """;

    public void AddSite(string name)
    {
        lock (Gate)
            Sites[name] = Sites.Count + 1;
    }

    /// <summary>A binding as someone set it up before CertPortal came; its certificate goes into the store.</summary>
    public void AddBinding(string site, string bindingInformation, bool sni, X509Certificate2? certificate = null)
    {
        lock (Gate)
        {
            if (certificate is not null)
                Store[certificate.Thumbprint] = certificate;
            Bindings.Add(new SimulatedBinding(site, bindingInformation, sni ? 1 : 0, certificate?.Thumbprint));
        }
    }

    public string? BoundTo(string site, string bindingInformation)
    {
        lock (Gate)
            return Bindings.Single(b => b.Site == site && b.BindingInformation == bindingInformation).CertificateHash;
    }

    /// <summary>Where a trust push keeps the CRL it put into the CA store for the CA with this SHA-256 (docs/trust-push.md).</summary>
    public static string KeptCrlPath(string caThumbprintSha256) => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), Features.Targets.Connectors.IisCertStores.Folder, $"{caThumbprintSha256[..16].ToLowerInvariant()}.crl");

    /// <summary>Stops the server; answers what it did not know (which a test asserts is nothing).</summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        var unsupported = Unsupported.ToList();
        await DisposeAsync();
        return unsupported;
    }

    /// <summary>Files the connector left in the login's home.</summary>
    public IReadOnlyList<string> LeftInHome => Directory.GetFiles(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "certportal-*");

    internal bool Failing(string step)
    {
        if (!FailAt.TryGetValue(step, out var successes))
            return false;
        // It fails once, so that putting things back afterwards works as on a server with a passing fault.
        if (successes > 0)
            FailAt[step] = successes - 1;
        else
            FailAt.Remove(step);
        return successes <= 0;
    }

    private X509Certificate2? Served(int port, string? sni)
    {
        lock (Gate)
        {
            var onPort = Bindings.Where(b => b.Port == port && b.CertificateHash is not null).ToList();
            var binding = onPort.FirstOrDefault(b => b.Sni && string.Equals(b.HostName, sni, StringComparison.OrdinalIgnoreCase)) ?? onPort.FirstOrDefault(b => !b.Sni);
            return binding is null ? null : Store.GetValueOrDefault(binding.CertificateHash!);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Sshd.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await HttpSys.DisposeAsync();
        _bin.Dispose();
    }
}
