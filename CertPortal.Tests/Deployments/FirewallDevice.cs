using CertPortal.Features.Deployments.Runs;
using CertPortal.Tests.Targets.Simulators;

namespace CertPortal.Tests.Deployments;

/// <summary>
/// One of the firewall simulators seen the same way by end-to-end tests: the target settings the portal needs (pinned
/// to the device's self-signed management certificate), what its management address serves, and its faults.
/// </summary>
public sealed class FirewallDevice : IAsyncDisposable
{
    private readonly IAsyncDisposable _simulator;

    private FirewallDevice(string type, IAsyncDisposable simulator, (int Api, int Service) ports, string managementSha256, Dictionary<string, string> settings, object secrets)
    {
        (Type, _simulator, ApiPort, ServicePort, ManagementSha256, Settings, Secrets) = (type, simulator, ports.Api, ports.Service, managementSha256, settings, secrets);
    }

    public string Type { get; }

    public int ApiPort { get; }

    /// <summary>The second TLS port: FortiGate's SSL-VPN, PAN-OS's other profile service, SonicWall's management on another interface.</summary>
    public int ServicePort { get; }

    /// <summary>The device's own self-signed management certificate, pinned when the target is created.</summary>
    public string ManagementSha256 { get; }

    public Dictionary<string, string> Settings { get; }

    public object Secrets { get; }

    /// <summary>The device accepts every change but keeps serving what it serves now.</summary>
    public Action KeepServingCurrent { get; private init; } = () => { };

    /// <summary>A step after the import fails (FortiGate: binding the admin GUI; PAN-OS and SonicWall: the commit); the step's name.</summary>
    public Func<string> FailAfterImport { get; private init; } = () => "";

    /// <summary>Every API call (or the login) answers a web page, as a proxy or the wrong port would.</summary>
    public Action AnswerHtml { get; private init; } = () => { };

    public static async Task<FirewallDevice> StartAsync(string type)
    {
        switch (type)
        {
            case "fortigate":
                var fortigate = await FortiGateSimulator.StartAsync();
                return new FirewallDevice(type, fortigate, (fortigate.ApiPort, fortigate.ServedPort), fortigate.ManagementSha256,
                    Pinned(fortigate.ManagementSha256, ("baseUrl", fortigate.BaseUrl), ("bindAdminGui", "true"), ("bindSslVpn", "false"), ("keepOld", "false")),
                    new { apiToken = FortiGateSimulator.Token })
                {
                    KeepServingCurrent = fortigate.KeepServingCurrent,
                    FailAfterImport = () => { fortigate.FailAt["bind-gui"] = -1; return "bind"; },
                    AnswerHtml = () => fortigate.AnswerHtml = true,
                };
            case "panos":
                var panos = await PanOsSimulator.StartAsync();
                return new FirewallDevice(type, panos, (panos.ApiPort, panos.ServedPort), panos.ManagementSha256,
                    Pinned(panos.ManagementSha256, ("baseUrl", panos.BaseUrl), ("certificateName", "certportal-mgmt"), ("sslTlsProfile", PanOsSimulator.Profile), ("commit", "true")),
                    new { apiKey = PanOsSimulator.Key })
                {
                    KeepServingCurrent = panos.KeepServingCurrent,
                    FailAfterImport = () => { panos.JobFailure = "ssl-tls-service-profile portal-profile: certificate is not valid"; return "commit"; },
                    AnswerHtml = () => panos.AnswerHtml = true,
                };
            case "sonicwall":
                var sonicwall = new SonicWallSimulator();
                await sonicwall.StartAsync();
                return new FirewallDevice(type, sonicwall, (sonicwall.ApiPort, sonicwall.ServingPort), sonicwall.ManagementSha256,
                    Pinned(sonicwall.ManagementSha256, ("baseUrl", sonicwall.BaseUrl), ("username", SonicWallSimulator.User), ("importVia", "api")),
                    new { password = SonicWallSimulator.Password })
                {
                    KeepServingCurrent = sonicwall.KeepServingCurrent,
                    FailAfterImport = () => { sonicwall.FailAt = "commit"; return "commit"; },
                    AnswerHtml = () => sonicwall.FailAt = "html",
                };
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "No simulator for this target type.");
        }
    }

    /// <summary>What the management address serves now (the admin GUI / HTTPS management certificate).</summary>
    public Task<string> ServedOnManagementAsync() => new ServedCertificateProbe().ServedThumbprintAsync("127.0.0.1", ApiPort, null, CancellationToken.None);

    private static Dictionary<string, string> Pinned(string managementSha256, params (string Name, string Value)[] settings)
    {
        var all = settings.ToDictionary(s => s.Name, s => s.Value);
        (all["tlsTrust"], all["pinnedCertSha256"]) = ("pinned", managementSha256);
        return all;
    }

    public ValueTask DisposeAsync() => _simulator.DisposeAsync();
}
