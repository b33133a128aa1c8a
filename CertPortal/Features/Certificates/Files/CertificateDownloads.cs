using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Pki;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates.Files;

/// <summary>
/// A version of a certificate as a file: <c>pem-cert</c>, <c>pem-chain</c>, <c>pem-fullchain</c>, <c>pem-key</c>,
/// <c>pfx</c> (AES-256 PKCS#12 with a password) or <c>zip</c>. Callers decide who may have the key-bearing ones;
/// every key download is audited.
/// </summary>
public sealed class CertificateDownloads(IDbContextFactory<AppDbContext> dbFactory, SecretProtector protector, AuditLog audit)
{
    public static readonly IReadOnlyList<string> Formats = ["pem-cert", "pem-chain", "pem-fullchain", "pem-key", "pfx", "zip"];

    public static bool CarriesKey(string? format, bool keysAllowed) => format is "pem-key" or "pfx" || format == "zip" && keysAllowed;

    public async Task<Result<DownloadFile>> GetAsync(Guid id, string? format, string? password, int? versionNumber, bool keysAllowed, Actor actor, CancellationToken ct = default)
    {
        if (format is null || !Formats.Contains(format))
            return Result<DownloadFile>.Invalid("format", $"Format must be one of: {string.Join(", ", Formats)}.");
        if (format == "pfx" && string.IsNullOrEmpty(password))
            return Result<DownloadFile>.Invalid("password", "A PFX needs a password to protect the key.");
        if (format == "pfx" && PfxPassword.Problem(password) is { } badPassword)
            return Result<DownloadFile>.Invalid("password", badPassword);
        if (format is "pem-key" or "pfx" && !keysAllowed)
            return Result<DownloadFile>.Forbidden("Your role may not download private keys.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificate = await db.Set<Certificate>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (certificate is null)
            return Result<DownloadFile>.NotFound("No such certificate.");
        var number = versionNumber ?? certificate.CurrentVersion;
        var version = await db.Set<CertificateVersion>().AsNoTracking().SingleOrDefaultAsync(v => v.CertificateId == id && v.Version == number, ct);
        if (version is null)
            return Result<DownloadFile>.NotFound(certificate.CurrentVersion == 0 ? "This certificate has not been issued yet." : $"There is no version {number}.");

        // An observed certificate (adopted from an endpoint) has no key in the portal: its sealed key is empty.
        if (certificate.Source == CertificateSources.Observed && (format is "pem-key" or "pfx"))
            return Result<DownloadFile>.Invalid("format", "The portal holds no private key for a certificate observed on an endpoint.");
        keysAllowed &= certificate.Source != CertificateSources.Observed;
        var baseName = FileBaseName(certificate.CommonName);
        var file = format switch
        {
            "pem-cert" => DownloadFile.Pem($"{baseName}.crt", version.LeafPem),
            "pem-chain" => DownloadFile.Pem($"{baseName}.chain.pem", version.ChainPem),
            "pem-fullchain" => DownloadFile.Pem($"{baseName}.fullchain.pem", version.LeafPem + version.ChainPem),
            "pem-key" => DownloadFile.Pem($"{baseName}.key", protector.Unprotect(version.SealedPrivateKey)),
            "pfx" => new DownloadFile($"{baseName}.pfx", "application/x-pkcs12", Pfx(version, protector.Unprotect(version.SealedPrivateKey), password!)),
            _ => DownloadFile.CertificateZip(baseName, version.LeafPem, version.ChainPem, keysAllowed ? protector.Unprotect(version.SealedPrivateKey) : null),
        };
        if (CarriesKey(format, keysAllowed))
            await audit.RecordAsync("certificate.download-key", "Certificate", id.ToString(),
                $"Downloaded the private key of {certificate.CommonName} version {version.Version} as {format}.", customerId: certificate.CustomerId, ct: ct);
        return Result<DownloadFile>.Ok(file);
    }

    /// <summary>PKCS#12 with the chain, AES-256-CBC and PBKDF2-SHA256 (what current Windows, macOS and OpenSSL 3 read).</summary>
    public static byte[] Pfx(CertificateVersion version, string keyPem, string password)
    {
        using var leaf = X509Certificate2.CreateFromPem(version.LeafPem, keyPem);
        var collection = new X509Certificate2Collection(leaf);
        if (!string.IsNullOrWhiteSpace(version.ChainPem))
            collection.ImportFromPem(version.ChainPem);
        return collection.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
    }




    /// <summary>A file name from the common name: <c>*.example.com</c> becomes <c>wildcard.example.com</c>.</summary>
    public static string FileBaseName(string commonName) =>
        new string(commonName.Replace("*", "wildcard").Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_').ToArray());
}
