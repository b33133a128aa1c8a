using System.Security.Cryptography.X509Certificates;
using CertPortal.Acme;
using CertPortal.Data;
using CertPortal.Features.ClientCerts;
using CertPortal.Pki;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>
/// finalize and the certificate download (RFC 8555 §7.4, §7.4.2). The CSR must name exactly the order's names and
/// carry a key the EAB key allows; the certificate is issued through the client-certificate inventory (usage
/// server), so it is listed, revocable and answered by the CA's CRL and OCSP like any other.
/// </summary>
public sealed class AcmeFinalization(IDbContextFactory<AppDbContext> dbFactory, ClientCertService certificates, ClientCertDownloads downloads)
{
    public async Task<AcmeAnswer> FinalizeAsync(Guid id, AcmeSignedRequest request, CancellationToken ct)
    {
        var payload = request.Payload();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (order, authorizations) = await AcmeOrders.LoadAsync(db, id, request, ct);
        var status = AcmeResourceViews.StatusOf(order, authorizations);
        if (status != AcmeStatus.Ready)
            throw new AcmeRefusal("orderNotReady", $"The order is {status}; it can be finalized once every authorization is valid.", 403);
        var policy = await AcmeOrders.PolicyAsync(db, request.RequireAccount(), ct);
        var csr = ReadCsr(payload, order, policy);

        // Only one finalize moves the order on; a second at the same moment sees it processing.
        if (await db.Set<AcmeServerOrder>().Where(o => o.Id == id && o.Status == AcmeStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, AcmeStatus.Processing), ct) == 0)
            throw new AcmeRefusal("orderNotReady", "The order is already being finalized.", 403);
        var issued = await certificates.IssueAsync(new ClientCertInput(order.CaId, order.Identifiers[0], Usage: CertificateUsage.Server.Name,
            SubjectAlternativeNames: order.Identifiers.Select(n => "dns:" + n).ToList(), ValidityDays: AcmeProfiles.ValidityDays(order.Profile, policy.MaxValidityDays),
            CsrPem: PemText.Encode(PemText.CertificateRequest, csr), CustomerId: policy.CustomerId), AcmeResponder.ActorFor(order.CaId), ct);
        if (!issued.IsOk)
        {
            var refusal = new AcmeRefusal("badCSR", $"The CA refused the request: {issued.Message ?? string.Join(" ", issued.Errors.SelectMany(e => e.Value))}");
            await db.Set<AcmeServerOrder>().Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, AcmeStatus.Invalid)
                .SetProperty(o => o.Error, System.Text.Json.JsonSerializer.Serialize(refusal.Document)), ct);
            throw refusal;
        }
        order.Status = AcmeStatus.Valid;
        order.CertificateId = issued.Value!.Id;
        await db.Set<AcmeServerOrder>().Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, AcmeStatus.Valid)
            .SetProperty(o => o.CertificateId, order.CertificateId), ct);
        return AcmeAnswer.Ok(AcmeResourceViews.Order(order, authorizations, request.Urls), request.Urls.Order(id));
    }

    /// <summary>The leaf and the CA chain up to the root, as application/pem-certificate-chain.</summary>
    public async Task<AcmeAnswer> CertificateAsync(Guid orderId, AcmeSignedRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (order, _) = await AcmeOrders.LoadAsync(db, orderId, request, ct);
        if (order.CertificateId is not { } certificateId)
            throw AcmeRefusal.NotFound("certificate");
        var file = await downloads.GetAsync(certificateId, "pem-fullchain", null, null, keysAllowed: false, AcmeResponder.ActorFor(order.CaId), ct);
        if (!file.IsOk)
            throw AcmeRefusal.NotFound("certificate");
        return new AcmeAnswer(200, System.Text.Encoding.ASCII.GetString(file.Value!.Content), "application/pem-certificate-chain");
    }

    private static byte[] ReadCsr(System.Text.Json.JsonElement payload, AcmeServerOrder order, Eab.AcmeEabKey policy)
    {
        byte[] der;
        try
        {
            der = payload.TryGetProperty("csr", out var csr) && csr.GetString() is { } text ? Base64Url.Decode(text) : throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new AcmeRefusal("badCSR", "finalize needs the CSR as base64url DER in 'csr'.");
        }
        var read = CsrReader.Read(der);
        if (!read.IsOk)
            throw new AcmeRefusal("badCSR", read.Error!);
        var content = read.Value!;
        if (content.RequestsCa)
            throw new AcmeRefusal("badCSR", "The CSR asks for a CA certificate; only server certificates are issued here.");
        if (policy.KeyTypes.Count > 0 && !policy.KeyTypes.Contains(content.Key.Type))
            throw new AcmeRefusal("badCSR", $"The CSR's key is {content.Key.Type}; this account may use {string.Join(", ", policy.KeyTypes)}.");
        var commonName = content.Subject.EnumerateRelativeDistinguishedNames().Where(r => !r.HasMultipleElements && r.GetSingleElementType().Value == "2.5.4.3")
            .Select(r => r.GetSingleElementValue()?.ToLowerInvariant()).LastOrDefault();
        var named = content.RequestedNames.DnsNames.Select(n => n.ToLowerInvariant()).ToHashSet();
        if (content.RequestedNames.IpAddresses.Count + content.RequestedNames.Emails.Count + content.RequestedNames.Uris.Count > 0)
            throw new AcmeRefusal("badCSR", "The CSR asks for names other than DNS names.");
        if (commonName is not null && !order.Identifiers.Contains(commonName))
            throw new AcmeRefusal("badCSR", $"The CSR's common name {commonName} is not one of the order's names.");
        if (!named.SetEquals(order.Identifiers) && !(named.Count == 0 && commonName is not null && order.Identifiers.Count == 1))
            throw new AcmeRefusal("badCSR", $"The CSR names {string.Join(", ", named)}; the order is for {string.Join(", ", order.Identifiers)}.");
        return der;
    }
}
