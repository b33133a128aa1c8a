using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Pki;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.ClientCerts;

/// <summary>
/// A client certificate as a file, in the formats of certificates (the README's API section) plus the PFX flavour: <c>modern</c>
/// (AES-256) by default, <c>legacy</c> (3DES/SHA-1) for older Windows, macOS and firewalls. Key downloads are audited.
/// </summary>
public sealed class ClientCertDownloads(IDbContextFactory<AppDbContext> dbFactory, SecretProtector protector, AuditLog audit)
{
    public static readonly IReadOnlyList<string> Formats = ["pem-cert", "pem-chain", "pem-fullchain", "pem-key", "pfx", "zip"];

    public async Task<Result<DownloadFile>> GetAsync(Guid id, string? format, string? password, string? flavour, bool keysAllowed, Actor actor, CancellationToken ct = default)
    {
        var check = new Validation();
        if (format is null || !Formats.Contains(format))
            check.Add("format", $"Format must be one of: {string.Join(", ", Formats)}.");
        if (format == "pfx" && string.IsNullOrEmpty(password))
            check.Add("password", "A PFX needs a password to protect the key.");
        else if (format == "pfx" && PfxPassword.Problem(password) is { } badPassword)
            check.Add("password", badPassword);
        var pfxFlavour = ParseFlavour(flavour);
        if (pfxFlavour is null)
            check.Add("flavour", "Flavour must be modern (AES-256) or legacy (3DES/SHA-1).");
        if (!check.IsValid)
            return check.ToResult<DownloadFile>();
        if (format is "pem-key" or "pfx" && !keysAllowed)
            return Result<DownloadFile>.Forbidden("Your role may not download private keys.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificate = await db.Set<ClientCertificate>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (certificate is null)
            return Result<DownloadFile>.NotFound("No such client certificate.");
        if (format is "pem-key" or "pfx" && certificate.FromCsr)
            return Result<DownloadFile>.Conflict("This certificate was signed from a CSR: its private key never left the device, so there is no key or PFX to download.");

        var name = FileBaseName(certificate.CommonName);
        var keyPem = keysAllowed && !certificate.FromCsr && format is "pem-key" or "pfx" or "zip" ? protector.Unprotect(certificate.SealedPrivateKey!) : null;
        var file = format switch
        {
            "pem-cert" => DownloadFile.Pem($"{name}.crt", certificate.CertificatePem),
            "pem-chain" => DownloadFile.Pem($"{name}.chain.pem", certificate.ChainPem),
            "pem-fullchain" => DownloadFile.Pem($"{name}.fullchain.pem", certificate.CertificatePem + certificate.ChainPem),
            "pem-key" => DownloadFile.Pem($"{name}.key", keyPem!),
            "pfx" => new DownloadFile($"{name}.pfx", "application/x-pkcs12", Pfx(certificate, keyPem!, password!, pfxFlavour!.Value)),
            _ => DownloadFile.CertificateZip(name, certificate.CertificatePem, certificate.ChainPem, keyPem),
        };
        if (keyPem is not null)
            await audit.RecordAsync("client-cert.download-key", ClientCertService.EntityType, id.ToString(),
                $"Downloaded the private key of {certificate.CommonName} (serial {certificate.SerialNumber}) as {format}{(format == "pfx" ? $" ({pfxFlavour!.Value.ToString().ToLowerInvariant()})" : "")}.",
                customerId: certificate.CustomerId, ct: ct);
        return Result<DownloadFile>.Ok(file);
    }

    public static Pkcs12Flavour? ParseFlavour(string? flavour) => flavour?.Trim().ToLowerInvariant() switch
    {
        null or "" or "modern" => Pkcs12Flavour.Modern,
        "legacy" => Pkcs12Flavour.Legacy,
        _ => null,
    };

    /// <summary>The certificate, its key and the CA chain in one PKCS#12 file.</summary>
    public static byte[] Pfx(ClientCertificate certificate, string keyPem, string password, Pkcs12Flavour flavour)
    {
        using var leaf = X509Certificate2.CreateFromPem(certificate.CertificatePem, keyPem);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(certificate.ChainPem);
        try
        {
            return Pkcs12Writer.Write(leaf, null, chain, password, flavour);
        }
        finally
        {
            foreach (var c in chain)
                c.Dispose();
        }
    }

    /// <summary>A file name from the common name: letters, digits, dots and hyphens; anything else becomes '_'.</summary>
    public static string FileBaseName(string commonName) =>
        new string(commonName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '@' ? c : '_').ToArray());



}
