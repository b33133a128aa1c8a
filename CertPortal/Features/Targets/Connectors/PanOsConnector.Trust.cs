using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// Trust on PAN-OS (docs/trust-push.md): the CA imported without a key (<c>type=import&amp;category=certificate</c>,
/// PEM), made a trusted root CA (<c>type=config&amp;action=set</c> of a member of the shared scope's <c>ssl-decrypt/trusted-root-CA</c>),
/// then committed. PAN-OS takes no CRL through the API: it fetches CRLs itself from the CRL distribution point the
/// portal writes into what the CA issues. Verification reads the running configuration back (<c>action=show</c>).
/// </summary>
public sealed partial class PanOsConnector : ITrustConnector
{
    private const string TrustedRoots = $"/config/{SharedScope}/ssl-decrypt/trusted-root-CA";

    public IReadOnlyList<TargetField> TrustOptions { get; } =
    [
        new("name", "Name on the firewall", "Optional: the certificate name of the CA (≤ 31 letters, digits, '-', '_', '.'); default made from the CA's name.", Required: false),
    ];

    public async Task PushTrustAsync(TrustPush push, CancellationToken ct)
    {
        var name = CheckedName(push.Material.Name);
        using var api = new PanOsApi(push.Settings);
        await TargetException.InStepAsync("connect", async () =>
        {
            var info = await api.SendAsync(Op("<show><system><info></info></system></show>"), null, "reading the system info", ct);
            await push.StepAsync("connect", info.Ok ? Describe(info) : throw PanOsApi.Explain(info, "reading the system info"));
        });
        await TargetException.InStepAsync("import", async () =>
        {
            var parameters = new Dictionary<string, string> { ["type"] = "import", ["category"] = "certificate", ["certificate-name"] = name, ["format"] = "pem" };
            await ImportFileAsync(api, parameters, Encoding.ASCII.GetBytes(push.Material.CaPem), $"{name}.pem", $"importing the CA as {name}", ct);
            await push.StepAsync("import", $"Imported CA '{name}' (certificate only, no key).");
        });
        await TargetException.InStepAsync("trust", async () =>
        {
            var set = await api.SendAsync(Config("set", TrustedRoots, $"<member>{SecurityElement.Escape(name)}</member>"), null, $"marking {name} a trusted root CA", ct);
            await push.StepAsync("trust", set.Ok ? $"{name} is a trusted root CA." : throw PanOsApi.Explain(set, $"marking {name} a trusted root CA"));
        });
        await TargetException.InStepAsync("commit", () => new PanOsCommit(api, push.StepAsync, clock, PollInterval, CommitTimeout, CommitAttempts).RunAsync(ct));
        if (push.Material.CrlDer is not null)
            await push.StepAsync("crl", "PAN-OS fetches the CRL itself from the CA's CRL address; it takes none through the API.");
    }

    public async Task<string> VerifyTrustAsync(TrustPush push, CancellationToken ct)
    {
        var name = CheckedName(push.Material.Name);
        using var api = new PanOsApi(push.Settings);
        var entry = await api.SendAsync(Config("show", $"/config/{SharedScope}/certificate/entry[@name='{name}']/public-key", null), null, $"reading {name}", ct);
        var held = entry.Ok ? entry.Root.Descendants("public-key").FirstOrDefault()?.Value : null;
        if (held is null || !PemEncoding.TryFind(held, out var fields) || !Convert.FromBase64String(held[fields.Base64Data]).AsSpan().SequenceEqual(push.Material.CaDer))
            throw new TargetException($"The running configuration does not hold the pushed CA as {name}.") { Step = "verify" };
        var roots = await api.SendAsync(Config("show", TrustedRoots, null), null, "reading the trusted root CAs", ct);
        if (!roots.Ok || !roots.Root.Descendants("member").Any(m => m.Value == name))
            throw new TargetException($"{name} is not among the running trusted root CAs.") { Step = "verify" };
        return $"The running configuration holds the CA as {name}, a trusted root CA.";
    }

    public Task<string> RollbackTrustAsync(TrustPush push, CancellationToken ct) =>
        throw new TargetException("The CA stays imported and trusted on the firewall; remove it there if it must go (nothing was put back).");

    private static string CheckedName(string name) =>
        name.Length is > 0 and <= 31 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? name
            : throw TargetException.Setting("The CA's name on the firewall must be at most 31 letters, digits, '-', '_' or '.'.");

    private static Dictionary<string, string> Config(string action, string xpath, string? element)
    {
        var parameters = new Dictionary<string, string> { ["type"] = "config", ["action"] = action, ["xpath"] = xpath };
        if (element is not null)
            parameters["element"] = element;
        return parameters;
    }
}
