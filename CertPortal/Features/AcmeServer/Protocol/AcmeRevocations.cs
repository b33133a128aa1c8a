using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Acme;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.ClientCerts;
using CertPortal.Pki;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>
/// revokeCert (RFC 8555 §7.6) by the account that ordered the certificate or by the certificate's own key, and
/// ARI renewalInfo (RFC 9773). Both find the certificate in the client-certificate inventory by CA and serial.
/// </summary>
public sealed class AcmeRevocations(IDbContextFactory<AppDbContext> dbFactory, ClientCertService certificates, TimeProvider clock)
{
    public async Task<AcmeAnswer> RevokeAsync(AcmeSignedRequest request, CancellationToken ct)
    {
        var payload = request.Payload();
        X509Certificate2 presented;
        try
        {
            presented = X509CertificateLoader.LoadCertificate(Base64Url.Decode(payload.GetProperty("certificate").GetString()!));
        }
        catch (Exception e) when (e is FormatException or CryptographicException or KeyNotFoundException or InvalidOperationException)
        {
            throw AcmeRefusal.Malformed("revokeCert needs the certificate as base64url DER in 'certificate'.");
        }
        using (presented)
        {
            var caId = request.Urls.CaId;
            var found = await FindAsync(caId, presented.SerialNumber.ToLowerInvariant(), ct);
            if (found is null || found.ThumbprintSha256 != Convert.ToHexStringLower(SHA256.HashData(presented.RawData)))
                throw AcmeRefusal.NotFound("certificate issued by this CA");
            if (request.Account is { } account)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                if (!await db.Set<AcmeServerOrder>().AnyAsync(o => o.AccountId == account.Id && o.CertificateId == found.Id, ct))
                    throw AcmeRefusal.Unauthorized("This account did not order the certificate; sign with the certificate's key instead.");
            }
            else if (!request.Key.SameKeyAs(presented.PublicKey))
                throw AcmeRefusal.Unauthorized("The request is signed neither by the ordering account nor by the certificate's key.");
            var code = payload.TryGetProperty("reason", out var r) && r.TryGetInt32(out var c) ? c : 0;
            var reason = RevocationReason.FromCode(code);
            if (reason is null || reason == RevocationReason.RemoveFromCrl)
                throw new AcmeRefusal("badRevocationReason", $"{code} is not a revocation reason this CA takes.");
            var revoked = await certificates.RevokeAsync(found.Id, new ClientCertRevokeInput(reason.Name), AcmeResponder.ActorFor(caId), ct);
            if (revoked.Kind == ResultKind.Conflict)
                throw new AcmeRefusal("alreadyRevoked", "The certificate is already revoked.");
            if (!revoked.IsOk)
                throw AcmeRefusal.Malformed(revoked.Message ?? "The certificate could not be revoked.");
            return new AcmeAnswer(200, null);
        }
    }

    /// <summary>
    /// The suggested renewal window: the last third of the lifetime, from two thirds to five sixths; a revoked
    /// certificate's window is already open, so ARI clients replace it at once.
    /// </summary>
    public async Task<AcmeAnswer> RenewalInfoAsync(Guid caId, string certId, CancellationToken ct)
    {
        var parts = certId.Split('.');
        byte[] serial;
        try
        {
            serial = parts.Length == 2 ? Base64Url.Decode(parts[1]) : throw new FormatException();
        }
        catch (FormatException)
        {
            throw AcmeRefusal.Malformed("The renewalInfo path must be base64url(AKI keyIdentifier).base64url(serial) (RFC 9773 §4.1).");
        }
        var found = await FindAsync(caId, Convert.ToHexStringLower(serial), ct) ?? throw AcmeRefusal.NotFound("certificate issued by this CA");
        var now = clock.GetUtcNow().UtcDateTime;
        var lifetime = found.NotAfter - found.NotBefore;
        var (start, end) = found.Status == ClientCertStatus.Revoked
            ? (now.AddHours(-1), now.AddHours(1))
            : (found.NotBefore + lifetime * 2 / 3, found.NotBefore + lifetime * 5 / 6);
        return new AcmeAnswer(200, new { suggestedWindow = new { start = AcmeResourceViews.Time(start), end = AcmeResourceViews.Time(end) } }, RetryAfterSeconds: 6 * 3600);
    }

    private async Task<ClientCertView?> FindAsync(Guid caId, string serialHex, CancellationToken ct) =>
        (await certificates.ListAsync(new ClientCertFilter(CaId: caId, Search: serialHex), Paging.From(1, 1), AcmeResponder.ActorFor(caId), ct)).Items.FirstOrDefault();
}
