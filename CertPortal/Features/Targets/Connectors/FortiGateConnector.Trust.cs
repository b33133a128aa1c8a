using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// Trust on a FortiGate (docs/vendors.md, "Trust push"): the CA through <c>vpn-certificate/ca/import</c> (-328: already
/// there), its CRL through <c>vpn-certificate/crl/import</c> (<c>scope</c>, base64 <c>file_content</c>), both global.
/// Verification reads <c>cmdb/vpn.certificate/ca</c> and <c>…/crl</c> back and looks for the same DER. FortiOS names
/// imported CAs and CRLs itself and has no call that puts an earlier CRL back, so a failed verification is not rolled back.
/// </summary>
public sealed partial class FortiGateConnector : ITrustConnector
{
    public IReadOnlyList<TargetField> TrustOptions { get; } = [];

    public async Task PushTrustAsync(TrustPush push, CancellationToken ct)
    {
        using var api = new FortiGateApi(push.Settings);
        await TargetException.InStepAsync("connect", async () =>
        {
            var (ok, message) = await StatusAsync(api, ct);
            await push.StepAsync("connect", ok ? message : throw new TargetException(message));
        });
        var added = await TargetException.InStepAsync("import", () => ImportCaPemAsync(api, push.Material.CaPem, "importing the CA certificate", ct));
        await push.StepAsync("import", added ? $"CA '{push.Material.Name}' imported." : $"CA '{push.Material.Name}' was already on the FortiGate.");
        if (push.Material.CrlPem is not { } crl)
            return;
        var body = new { scope = "global", file_content = Convert.ToBase64String(Encoding.ASCII.GetBytes(crl)) };
        var reply = await api.SendAsync(HttpMethod.Post, "api/v2/monitor/vpn-certificate/crl/import", body, false, "importing the CRL", ct);
        if (reply.Failed)
            throw new TargetException(FortiGateApi.Explain(reply, $"importing CRL number {push.Material.CrlNumber}").Message) { Step = "crl" };
        await push.StepAsync("crl", $"CRL number {push.Material.CrlNumber} imported.");
    }

    public async Task<string> VerifyTrustAsync(TrustPush push, CancellationToken ct)
    {
        using var api = new FortiGateApi(push.Settings);
        var cas = await PemsAsync(api, "api/v2/cmdb/vpn.certificate/ca", "ca", ct);
        if (!cas.Any(pem => DerOf(pem)?.AsSpan().SequenceEqual(push.Material.CaDer) == true))
            throw new TargetException("The FortiGate's CA certificates do not include the pushed CA.") { Step = "verify" };
        if (push.Material.CrlDer is not { } crl)
            return "The FortiGate lists the CA among its CA certificates.";
        var crls = await PemsAsync(api, "api/v2/cmdb/vpn.certificate/crl", "crl", ct);
        if (!crls.Any(pem => DerOf(pem)?.AsSpan().SequenceEqual(crl) == true))
            throw new TargetException($"The FortiGate does not hold CRL number {push.Material.CrlNumber}.") { Step = "verify" };
        return $"The FortiGate lists the CA and holds CRL number {push.Material.CrlNumber}.";
    }

    public Task<string> RollbackTrustAsync(TrustPush push, CancellationToken ct) =>
        throw new TargetException("FortiOS has no documented call that puts an earlier CRL back; what was imported stays. Check the FortiGate's CA and CRL lists.");

    /// <summary>Imports one CA certificate (PEM); answers false when FortiOS says it is already there (-328).</summary>
    private static async Task<bool> ImportCaPemAsync(FortiGateApi api, string pem, string what, CancellationToken ct)
    {
        var body = new { import_method = "file", scope = "global", file_content = Convert.ToBase64String(Encoding.ASCII.GetBytes(pem)) };
        var reply = await api.SendAsync(HttpMethod.Post, "api/v2/monitor/vpn-certificate/ca/import", body, false, what, ct);
        if (reply.Failed && reply.Error != -328)
            throw FortiGateApi.Explain(reply, what);
        return !reply.Failed;
    }

    private static async Task<IReadOnlyList<string>> PemsAsync(FortiGateApi api, string path, string field, CancellationToken ct)
    {
        var reply = await api.SendAsync(HttpMethod.Get, path, null, false, $"reading {path}", ct);
        if (reply.Failed)
            throw new TargetException(FortiGateApi.Explain(reply, $"reading {path}").Message) { Step = "verify" };
        return reply.Results is { ValueKind: JsonValueKind.Array } results
            ? results.EnumerateArray().Select(r => r.TryGetProperty(field, out var pem) ? pem.GetString() : null).OfType<string>().ToList()
            : [];
    }

    private static byte[]? DerOf(string pem) =>
        PemEncoding.TryFind(pem, out var fields) ? Convert.FromBase64String(pem[fields.Base64Data]) : null;
}
