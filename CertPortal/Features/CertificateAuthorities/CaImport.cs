using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertPortal.Common;
using CertPortal.Features.Audit;
using CertPortal.Features.Customers;
using CertPortal.Pki;
using CertPortal.Security;

namespace CertPortal.Features.CertificateAuthorities;

/// <summary>
/// Brings in an existing CA (an in-house root, or an intermediate signed elsewhere) as PEM (certificate + unencrypted
/// key, optionally the certificates above it) or PFX. It must be a CA certificate and the key must match it.
/// </summary>
public sealed class CaImport(CaService cas, ICustomerDirectory customers, AuditLog audit)
{
    public const int MaxFileBytes = 256 * 1024;

    public async Task<Result<CaView>> ImportAsync(string? name, Guid? customerId, byte[]? content, string? password, Actor actor, CancellationToken ct = default) =>
        await ImportAsync(name, customerId, content, password, null, actor, ct);

    /// <summary>As above; <paramref name="revocationBaseUrl"/> replaces the portal's base in what the imported CA issues.</summary>
    public async Task<Result<CaView>> ImportAsync(string? name, Guid? customerId, byte[]? content, string? password, string? revocationBaseUrl, Actor actor,
        CancellationToken ct = default)
    {
        var check = new Validation().Require("name", name, "Name", 200);
        if (RevocationBaseUrl.Problem(revocationBaseUrl) is { } badBaseUrl)
            check.Add("revocationBaseUrl", badBaseUrl);
        if (customerId is { } id && (await customers.FindAsync(id, actor, ct) is null))
            check.Add("customerId", "There is no such customer.");
        if (customerId is null && actor.IsScoped)
            check.Add("customerId", "Someone limited to some customers imports CAs for one of them, not shared ones.");
        if (content is not { Length: > 0 } || content.Length > MaxFileBytes)
            check.Add("file", $"Choose a PEM or PFX file of at most {MaxFileBytes / 1024} KB.");
        if (PfxPassword.Problem(password) is { } badPassword)
            check.Add("password", badPassword);
        var read = check.IsValid ? Read(content!, password) : null;
        if (read is { Error: { } error })
            check.Add("file", error);
        if (!check.IsValid)
        {
            await audit.RecordAsync("ca.import", "CertificateAuthority", null, $"Refused: {string.Join(" ", check.Errors.SelectMany(e => e.Value))}", AuditOutcome.Failure, customerId, ct);
            return check.ToResult<CaView>();
        }
        var (certificate, key, upstream) = (read!.Certificate!, read.Key!, read.Upstream);
        using (certificate)
        using (key)
            return await cas.StoreImportedAsync(name!.Trim(), customerId, revocationBaseUrl, certificate, key, upstream, actor, ct);
    }

    private static ImportedCa Read(byte[] content, string? password)
    {
        try
        {
            var text = Encoding.ASCII.GetString(content, 0, Math.Min(content.Length, 4096)).Contains("-----BEGIN ") ? Encoding.UTF8.GetString(content) : null;
            var certificates = new X509Certificate2Collection();
            AsymmetricAlgorithm? key = null;
            if (text is not null)
            {
                certificates.ImportFromPem(text);
                if (text.Contains("ENCRYPTED PRIVATE KEY"))
                    return ImportedCa.Failed("The key is encrypted; give it unencrypted (openssl pkcs8 -nocrypt) or import a PFX with its password.");
                var imported = PkiKeys.ImportPem(text);
                if (!imported.IsOk)
                    return ImportedCa.Failed(imported.Error!);
                key = imported.Value;
            }
            else
            {
                certificates = X509CertificateLoader.LoadPkcs12Collection(content, password, X509KeyStorageFlags.Exportable);
                key = certificates.FirstOrDefault(c => c.HasPrivateKey) is { } withKey ? PkiKeys.PrivateKeyOf(withKey) : null;
            }
            if (key is null)
                return ImportedCa.Failed("The file holds no private key; a CA is imported together with its key.");
            var ca = certificates.FirstOrDefault(c => Matches(c, key));
            if (ca is null)
                return ImportedCa.Failed("The private key does not match any certificate in the file.");
            if (ca.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
                return ImportedCa.Failed($"{ca.Subject} is not a CA certificate (basicConstraints CA:TRUE is missing).");
            // Everything the CA signs names it by this key identifier (authorityKeyIdentifier, RFC 5280 §4.2.1.1).
            if (!ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Any())
                return ImportedCa.Failed($"{ca.Subject} has no subject key identifier, which the certificates it signs refer to; reissue it with subjectKeyIdentifier=hash.");
            var described = PkiKeys.Describe(key);
            if (!described.IsOk)
                return ImportedCa.Failed(described.Error!);
            var upstream = certificates.Where(c => !c.RawData.AsSpan().SequenceEqual(ca.RawData)).ToList();
            return new ImportedCa(PkiKeys.Attach(X509CertificateLoader.LoadCertificate(ca.RawData), key), key, upstream, null);
        }
        catch (CryptographicException)
        {
            return ImportedCa.Failed("The file could not be read: a PFX with a wrong password, or neither PEM nor PKCS#12.");
        }
    }

    private static bool Matches(X509Certificate2 certificate, AsymmetricAlgorithm key) =>
        certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key switch
        {
            ECDsa ec => ec.ExportSubjectPublicKeyInfo(),
            RSA rsa => rsa.ExportSubjectPublicKeyInfo(),
            _ => [],
        });

    private sealed record ImportedCa(X509Certificate2? Certificate, AsymmetricAlgorithm? Key, IReadOnlyList<X509Certificate2> Upstream, string? Error)
    {
        public static ImportedCa Failed(string error) => new(null, null, [], error);
    }
}
