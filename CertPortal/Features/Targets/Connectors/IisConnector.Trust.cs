using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// Trust on Windows/IIS (docs/trust-push.md): the CA into <c>Cert:\LocalMachine\Root</c> (a self-signed root) or
/// <c>…\CA</c> (an intermediate) with Import-Certificate, its CRL into <c>…\CA</c> with <c>certutil -f -addstore</c>.
/// Verification lists the store (Get-ChildItem) for the thumbprint and asks certutil for the CRL by its SHA-1 hash, which
/// covers its number and this-update. Rollback removes the CA when this run imported it and puts back the CRL the portal
/// had pushed before (kept in the login's home), or removes the new one when there was none.
/// </summary>
public sealed partial class IisConnector : ITrustConnector
{
    // What each push found, for the rollback of that same run; gone with the push.
    private readonly ConditionalWeakTable<TrustPush, IisTrustBefore> _before = new();

    public IReadOnlyList<TargetField> TrustOptions { get; } =
    [
        new("store", "Certificate store", "Root (Trusted Root Certification Authorities) or CA (Intermediate Certification Authorities) of the local machine; " +
            "default Root for a self-signed CA, CA for an intermediate. The CRL always goes to CA.", Required: false, Choices: ["Root", "CA"]),
    ];

    public async Task PushTrustAsync(TrustPush push, CancellationToken ct)
    {
        var (target, store, material) = (IisTarget.From(push.Settings), StoreOf(push), push.Material);
        using var server = await TargetException.InStepAsync("connect", () => IisServer.OpenAsync(target, ct));
        var stores = new IisCertStores(server);
        var before = await TargetException.InStepAsync("connect", async () => new IisTrustBefore(
            (await stores.ThumbprintsAsync(store, ct)).Contains(material.WindowsThumbprint, StringComparer.OrdinalIgnoreCase), await stores.KeptCrlAsync(KeyOf(material), ct)));
        _before.AddOrUpdate(push, before);
        await push.StepAsync("connect", $"Logged in to {target.Address} as '{target.Login.Username}'; the host key matches the pin.");
        if (before.CaWasThere)
            await push.StepAsync("import", $"CA '{material.Name}' ({material.WindowsThumbprint}) is already in {IisCertStores.PathOf(store)}; left as it is.");
        else
        {
            await TargetException.InStepAsync("import", () => stores.ImportAsync(store, material.CaDer, material.WindowsThumbprint, ct));
            await push.StepAsync("import", $"Imported CA '{material.Name}' ({material.WindowsThumbprint}) into {IisCertStores.PathOf(store)}.");
        }
        if (material.CrlDer is not { } crl)
            return;
        try
        {
            await stores.AddCrlAsync(crl, ct);
            await stores.KeepCrlAsync(KeyOf(material), crl, ct);
        }
        catch (TargetException e)
        {
            if (before.CaWasThere)
                throw new TargetException($"{e.Message.TrimEnd('.')}. The CA was there before; nothing was changed.", e) { Step = "crl" };
            var undone = await UndoImportAsync(stores, store, material.WindowsThumbprint);
            throw new TargetException($"{e.Message.TrimEnd('.')}. {undone}", e, undone: undone.StartsWith("Removed", StringComparison.Ordinal)) { Step = "crl" };
        }
        var replaced = before.KeptCrl is { } kept && !kept.AsSpan().SequenceEqual(crl) ? $"; it replaces {Describe(kept)} pushed before" : "";
        await push.StepAsync("crl", $"CRL number {material.CrlNumber} is in {IisCertStores.PathOf("CA")} (SHA-1 {Sha1(crl)}){replaced}.");
    }

    public async Task<string> VerifyTrustAsync(TrustPush push, CancellationToken ct)
    {
        var (store, material) = (StoreOf(push), push.Material);
        using var server = await IisServer.OpenAsync(IisTarget.From(push.Settings), ct);
        var stores = new IisCertStores(server);
        var held = await TargetException.InStepAsync("verify", () => stores.ThumbprintsAsync(store, ct));
        if (!held.Contains(material.WindowsThumbprint, StringComparer.OrdinalIgnoreCase))
            throw new TargetException($"{IisCertStores.PathOf(store)} does not hold the CA {material.WindowsThumbprint} (Get-ChildItem lists {held.Count} certificates).") { Step = "verify" };
        if (material.CrlDer is not { } crl)
            return $"{IisCertStores.PathOf(store)} holds the CA ({material.WindowsThumbprint}).";
        if (!await TargetException.InStepAsync("verify", () => stores.HasCrlAsync(Sha1(crl), ct)))
            throw new TargetException($"{IisCertStores.PathOf("CA")} does not hold CRL number {material.CrlNumber} (SHA-1 {Sha1(crl)}).") { Step = "verify" };
        return $"{IisCertStores.PathOf(store)} holds the CA ({material.WindowsThumbprint}) and {IisCertStores.PathOf("CA")} CRL number {material.CrlNumber} " +
            $"with this update {ThisUpdate(crl):u} (found by its SHA-1 {Sha1(crl)}).";
    }

    public async Task<string> RollbackTrustAsync(TrustPush push, CancellationToken ct)
    {
        var (store, material) = (StoreOf(push), push.Material);
        var before = _before.TryGetValue(push, out var found) ? found : null;
        using var server = await IisServer.OpenAsync(IisTarget.From(push.Settings), ct);
        var stores = new IisCertStores(server);
        var done = new List<string>();
        if (material.CrlDer is { } crl)
        {
            if (before?.KeptCrl is { } previous && !previous.AsSpan().SequenceEqual(crl))
            {
                await stores.AddCrlAsync(previous, ct);
                await stores.RemoveCrlAsync(Sha1(crl), ct);
                await stores.KeepCrlAsync(KeyOf(material), previous, ct);
                done.Add($"Put back {Describe(previous)}, which the portal had pushed before, in place of CRL number {material.CrlNumber}.");
            }
            else if (before is null)
                done.Add($"CRL number {material.CrlNumber} stays: what the CA store held before is not known to this run.");
            else if (before.KeptCrl is not null)
                done.Add($"CRL number {material.CrlNumber} stays: the portal had put it there before this run.");
            else
            {
                var removed = await stores.RemoveCrlAsync(Sha1(crl), ct);
                await stores.KeepCrlAsync(KeyOf(material), null, ct);
                done.Add(removed ? $"Removed CRL number {material.CrlNumber}; the portal had put no CRL of this CA there before." : $"CRL number {material.CrlNumber} was not in the CA store.");
            }
        }
        done.Add(before switch
        {
            null => $"The CA stays in {IisCertStores.PathOf(store)}: whether it was there before is not known to this run.",
            { CaWasThere: true } => $"The CA stays in {IisCertStores.PathOf(store)}: it was there before this run.",
            _ => await UndoImportAsync(stores, store, material.WindowsThumbprint),
        });
        return string.Join(" ", done);
    }

    private static async Task<string> UndoImportAsync(IisCertStores stores, string store, string thumbprint)
    {
        try
        {
            if (!(await stores.ThumbprintsAsync(store, CancellationToken.None)).Contains(thumbprint, StringComparer.OrdinalIgnoreCase))
                return $"The CA was not in {IisCertStores.PathOf(store)}.";
            await stores.RemoveAsync(store, thumbprint, CancellationToken.None);
            return $"Removed the CA {thumbprint}, which this run had imported, from {IisCertStores.PathOf(store)}.";
        }
        catch (TargetException e)
        {
            return $"Removing the CA {thumbprint} that this run imported failed too ({e.Message.TrimEnd('.')}): remove it from {IisCertStores.PathOf(store)} by hand.";
        }
    }

    /// <summary>The binding's store, else Root for a self-signed CA and CA for an intermediate (as Windows sorts them).</summary>
    private static string StoreOf(TrustPush push)
    {
        if (push.Option("store") is { } chosen)
            return chosen is "Root" or "CA" ? chosen : throw TargetException.Setting($"The store '{chosen}' is neither Root nor CA.");
        using var ca = X509CertificateLoader.LoadCertificate(push.Material.CaDer);
        return ca.SubjectName.RawData.AsSpan().SequenceEqual(ca.IssuerName.RawData) ? "Root" : "CA";
    }

    // Names the kept CRL file per CA: the start of the CA certificate's SHA-256.
    private static string KeyOf(TrustMaterial material) => material.CaThumbprintSha256[..16].ToLowerInvariant();

    private static string Sha1(byte[] der) => Convert.ToHexString(SHA1.HashData(der));

    private static string Describe(byte[] crl)
    {
        try
        {
            CertificateRevocationListBuilder.Load(crl, out BigInteger number);
            return $"CRL number {number}";
        }
        catch (CryptographicException)
        {
            return "the CRL";
        }
    }

    /// <summary>thisUpdate of a CRL (RFC 5280 5.1: TBSCertList = version?, signature, issuer, thisUpdate, …).</summary>
    private static DateTimeOffset ThisUpdate(byte[] crl)
    {
        var tbs = new System.Formats.Asn1.AsnReader(crl, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence().ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(System.Formats.Asn1.Asn1Tag.Integer))
            tbs.ReadInteger();
        tbs.ReadSequence();
        tbs.ReadSequence();
        return tbs.PeekTag().HasSameClassAndValue(System.Formats.Asn1.Asn1Tag.UtcTime) ? tbs.ReadUtcTime() : tbs.ReadGeneralizedTime();
    }
}
