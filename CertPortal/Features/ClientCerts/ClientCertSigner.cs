using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.CertificateAuthorities;
using CertPortal.Features.Customers;
using CertPortal.Pki;
using CertPortal.Security;

namespace CertPortal.Features.ClientCerts;

/// <summary>
/// Opens a CA for a customer and signs orders with it: a fresh key of the order's type, or the CSR's key. Shared by
/// single issuance, renewal and batches; stores nothing, so a refusal leaves nothing behind.
/// </summary>
public sealed class ClientCertSigner(ICaSigning cas, ICustomerDirectory customers, SecretProtector protector, TimeProvider clock)
{
    /// <summary>
    /// The CA ready to sign, and whose the certificates will be: the CA's customer, or <paramref name="customerId"/>
    /// for a shared CA (required then, since every certificate belongs to a customer).
    /// </summary>
    public async Task<Result<(IssuingCa Ca, Guid CustomerId)>> OpenAsync(Guid? caId, Guid? customerId, Actor actor, CancellationToken ct)
    {
        if (caId is not { } id)
            return Result<(IssuingCa, Guid)>.Invalid("caId", "Choose the CA that signs the certificate.");
        var opened = await cas.OpenIssuerAsync(id, actor, ct);
        if (opened.Kind == ResultKind.NotFound)
            return Result<(IssuingCa, Guid)>.Invalid("caId", "There is no such CA.");
        if (!opened.IsOk)
            return Result<(IssuingCa, Guid)>.Invalid("caId", opened.Message!);
        var ca = opened.Value!;
        Result<(IssuingCa, Guid)>? refused = null;
        if (ca.CustomerId is { } owner && customerId is { } other && other != owner)
            refused = Result<(IssuingCa, Guid)>.Invalid("customerId", "The CA belongs to another customer; leave the customer out or choose that customer.");
        else if (ca.CustomerId is null && (customerId is not { } chosen || await customers.FindAsync(chosen, actor, ct) is null))
            refused = Result<(IssuingCa, Guid)>.Invalid("customerId", customerId is null
                ? "The CA is shared by all customers: choose the customer the certificate is for."
                : "There is no such customer.");
        if (refused is null)
            return Result<(IssuingCa, Guid)>.Ok((ca, ca.CustomerId ?? customerId!.Value));
        ca.Dispose();
        return refused;
    }

    /// <summary>Signs <paramref name="order"/>; the result carries the new key (null for a CSR), to seal or put in a PFX.</summary>
    public PkiResult<SignedClientCert> Sign(IssuingCa ca, Guid customerId, ClientCertOrder order, Guid? renewedFromId = null)
    {
        var key = order.Csr is null ? PkiKeys.Create(order.KeyType).Require() : null;
        var issued = ca.Issuer.IssueLeaf(order.Csr?.PublicKey ?? new PublicKey(key!), order.Profile);
        if (!issued.IsOk)
        {
            key?.Dispose();
            return issued.As<SignedClientCert>();
        }
        var certificate = issued.Value!;
        var entity = new ClientCertificate
        {
            Id = Guid.NewGuid(), CustomerId = customerId, CaId = ca.Id, CommonName = order.CommonName, Email = order.Email,
            Organization = order.Organization, Usage = order.Usage.Name, SubjectAlternativeNames = order.NameList, KeyType = order.KeyType,
            ValidityDays = order.ValidityDays, Subject = certificate.Subject, SerialNumber = certificate.SerialNumber.ToLowerInvariant(),
            NotBefore = certificate.NotBefore.ToUniversalTime(), NotAfter = certificate.NotAfter.ToUniversalTime(),
            ThumbprintSha256 = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)),
            CertificatePem = Pem(certificate), ChainPem = string.Concat(ca.Chain.Select(Pem)),
            SealedPrivateKey = key is null ? null : protector.Protect(PkiKeys.ExportPkcs8Pem(key)),
            RenewedFromId = renewedFromId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        return PkiResult<SignedClientCert>.Ok(new SignedClientCert(entity, certificate, key));
    }

    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n";
}
