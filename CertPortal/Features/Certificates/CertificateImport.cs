using System.Security.Cryptography.X509Certificates;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Certificates.Files;
using CertPortal.Features.Customers;
using CertPortal.Pki;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates;

/// <summary>Brings in a certificate issued elsewhere (PEM bundle or PFX) as a certificate with one version; it is not renewed by the portal.</summary>
public sealed class CertificateImport(
    IDbContextFactory<AppDbContext> dbFactory,
    ICustomerDirectory customers,
    CertificateService certificates,
    CertificateEvents events,
    SecretProtector protector,
    AuditLog audit,
    TimeProvider clock) : IObservedCertificates
{
    public const int MaxFileBytes = 256 * 1024;

    public async Task<Result<CertificateView>> ImportAsync(Guid? customerId, byte[]? content, string? password, Actor actor, CancellationToken ct = default)
    {
        var check = new Validation();
        if (customerId is not { } owner || await customers.FindAsync(owner, actor, ct) is null)
            check.Add("customerId", "There is no such customer.");
        if (content is not { Length: > 0 })
            check.Add("file", "Choose a PEM bundle or a PFX file.");
        else if (content.Length > MaxFileBytes)
            check.Add("file", $"The file is larger than {MaxFileBytes / 1024} KB; a certificate bundle is much smaller.");
        if (PfxPassword.Problem(password) is { } badPassword)
            check.Add("password", badPassword);
        string? error = null;
        var read = check.IsValid ? CertificateBundleReader.Read(content!, password, out error) : null;
        if (check.IsValid && read is null)
            check.Add("file", error!);
        if (!check.IsValid)
        {
            await audit.RecordAsync("certificate.import", "Certificate", null, $"Refused: {string.Join(" ", check.Errors.SelectMany(e => e.Value))}", AuditOutcome.Failure, customerId, ct);
            return check.ToResult<CertificateView>();
        }

        var (chain, keyPem) = read!.Value;
        using var _ = chain;
        var now = clock.GetUtcNow().UtcDateTime;
        var names = NamesOf(chain.Leaf);
        var certificate = new Certificate
        {
            Id = Guid.NewGuid(), CustomerId = customerId!.Value, CommonName = names[0], SubjectAlternativeNames = names.Skip(1).ToList(),
            Source = CertificateSources.Import, KeyType = CertificateKeys.TypeOf(chain.Leaf), AutoRenew = false, CreatedAt = now, UpdatedAt = now,
        };
        var version = CertificateVersion.From(certificate.Id, 1, chain, protector.Protect(keyPem), now);
        certificate.ApplyVersion(version);
        certificate.Status = version.NotAfter <= now ? CertificateStatus.Expired : CertificateStatus.Valid;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Add(certificate);
            db.Add(version);
            await db.SaveChangesAsync(ct);
        }
        await audit.RecordAsync("certificate.import", "Certificate", certificate.Id.ToString(),
            $"Imported {certificate.CommonName} (serial {version.SerialNumber}, issuer {version.Issuer}, valid until {version.NotAfter:yyyy-MM-dd} UTC).", customerId: certificate.CustomerId, ct: ct);
        await events.PublishAsync(new CertificateIssued(certificate.Id, certificate.CustomerId, 1, version.ThumbprintSha256, IsRenewal: false), ct);
        return Result<CertificateView>.Ok(certificates.ToView(certificate, [version]));
    }

    public async Task<Result<Guid>> ImportObservedAsync(Guid customerId, string servedChainPem, Actor actor, CancellationToken ct)
    {
        if (await customers.FindAsync(customerId, actor, ct) is null)
            return Result<Guid>.Invalid("customerId", "There is no such customer.");
        using var chain = CertificateChain.FromLeafFirstPem(servedChainPem);
        var thumbprint = CertificateChain.Sha256(chain.Leaf);
        var now = clock.GetUtcNow().UtcDateTime;
        var names = NamesOf(chain.Leaf);
        var certificate = new Certificate
        {
            Id = Guid.NewGuid(), CustomerId = customerId, CommonName = names[0], SubjectAlternativeNames = names.Skip(1).ToList(),
            Source = CertificateSources.Observed, KeyType = CertificateKeys.TypeOf(chain.Leaf), AutoRenew = false, CreatedAt = now, UpdatedAt = now,
        };
        // The key stays with the server; an empty value sealed like any other keeps master key rotation working.
        var version = CertificateVersion.From(certificate.Id, 1, chain, protector.Protect(""), now);
        certificate.ApplyVersion(version);
        certificate.Status = version.NotAfter <= now ? CertificateStatus.Expired : CertificateStatus.Valid;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var known = await (from v in db.Set<CertificateVersion>() join c in db.Set<Certificate>() on v.CertificateId equals c.Id
                               where c.CustomerId == customerId && v.ThumbprintSha256 == thumbprint select c.Id).FirstOrDefaultAsync(ct);
            if (known != Guid.Empty)
                return Result<Guid>.Conflict($"This certificate is already tracked ({known}).");
            db.Add(certificate);
            db.Add(version);
            await db.SaveChangesAsync(ct);
        }
        await audit.RecordAsync("certificate.adopt", "Certificate", certificate.Id.ToString(),
            $"Adopted {certificate.CommonName} as observed on an endpoint (serial {version.SerialNumber}, issuer {version.Issuer}, valid until {version.NotAfter:yyyy-MM-dd} UTC); no key.",
            customerId: customerId, ct: ct);
        return Result<Guid>.Ok(certificate.Id);
    }

    /// <summary>The subject's CN first (when it has one), then every DNS name of the SAN extension.</summary>
    private static List<string> NamesOf(X509Certificate2 leaf)
    {
        var names = new List<string>();
        var cn = leaf.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!string.IsNullOrWhiteSpace(cn))
            names.Add(cn.ToLowerInvariant());
        foreach (var san in leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()))
            if (!names.Contains(san.ToLowerInvariant()))
                names.Add(san.ToLowerInvariant());
        return names.Count > 0 ? names : [leaf.Subject];
    }
}
