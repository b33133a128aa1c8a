using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.CertificateAuthorities;
using CertPortal.Pki;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.ClientCerts.Batch;

/// <summary>
/// Issues one certificate per CSV line from one CA. Good lines are issued whatever the bad ones say; a file that
/// cannot be read (broken quoting, too many lines) issues nothing. Keys go out once, as PFX files in a ZIP with a
/// password sheet, each under its own random password.
/// </summary>
public sealed class ClientCertBatch(IDbContextFactory<AppDbContext> dbFactory, ClientCertSigner signer, ICaSigning cas, AuditLog audit)
{
    public const int MaxLines = 1000;
    private const string Action = "client-cert.batch";
    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public async Task<Result<BatchResult>> RunAsync(Guid? caId, Guid? customerId, byte[]? csv, string? flavour, Actor actor, CancellationToken ct = default)
    {
        var check = new Validation();
        string? csvError = null;
        var records = csv is { Length: > 0 } ? BatchCsv.Read(Encoding.UTF8.GetString(csv), out csvError) : null;
        var lines = records is null ? 0 : records.Count - (records.Count > 0 && BatchRows.IsHeader(records[0].Fields) ? 1 : 0);
        if (csv is not { Length: > 0 })
            check.Add("file", "Choose a CSV file with the columns " + string.Join(",", BatchRows.Columns) + ".");
        else if (records is null)
            check.Add("file", $"The CSV cannot be read: {csvError} Nothing was issued.");
        else if (lines > MaxLines)
            check.Add("file", $"The CSV has {lines:N0} lines; a batch takes at most {MaxLines:N0}. Split it into smaller files. Nothing was issued.");
        else if (lines == 0)
            check.Add("file", "The CSV has no lines to issue.");
        var pfxFlavour = ClientCertDownloads.ParseFlavour(flavour);
        if (pfxFlavour is null)
            check.Add("flavour", "Flavour must be modern (AES-256) or legacy (3DES/SHA-1).");
        var opened = check.IsValid ? await signer.OpenAsync(caId, customerId, actor, ct) : null;
        foreach (var (field, messages) in opened?.Errors ?? new Dictionary<string, string[]>())
            check.Add(field, messages[0]);
        if (!check.IsValid)
        {
            await audit.RecordAsync(Action, ClientCertService.EntityType, null, $"Refused: {string.Join(" ", check.Errors.SelectMany(e => e.Value))}", AuditOutcome.Failure, customerId, ct);
            return check.ToResult<BatchResult>();
        }

        var (ca, owner) = opened!.Value;
        using (ca)
        {
            var issued = new List<(int Line, SignedClientCert Signed)>();
            var errors = new List<BatchLineError>();
            try
            {
                foreach (var (line, input, error) in BatchRows.From(records!, ca.Id, customerId))
                {
                    var lineCheck = new Validation();
                    var order = input is null ? null : ClientCertOrder.Check(input, lineCheck);
                    var signed = order is null ? null : signer.Sign(ca, owner, order);
                    var problem = error ?? (order is null ? Describe(lineCheck) : signed!.IsOk ? null : signed.Error);
                    if (problem is null)
                        issued.Add((line, signed!.Value!));
                    else
                        errors.Add(new BatchLineError(line, problem));
                }
                return Result<BatchResult>.Ok(await StoreAsync(ca, owner, issued, errors, pfxFlavour!.Value, ct));
            }
            finally
            {
                foreach (var (_, signed) in issued)
                    signed.Dispose();
            }
        }
    }

    private async Task<BatchResult> StoreAsync(IssuingCa ca, Guid owner, List<(int Line, SignedClientCert Signed)> issued, List<BatchLineError> errors,
        Pkcs12Flavour flavour, CancellationToken ct)
    {
        if (issued.Count > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.AddRange(issued.Select(i => i.Signed.Entity));
            await db.SaveChangesAsync(ct);
            await cas.RevocationChangedAsync(ca.Id, ct);
        }
        foreach (var (line, signed) in issued)
            await audit.RecordAsync(Action, ClientCertService.EntityType, signed.Entity.Id.ToString(),
                $"Issued {signed.Entity.Usage} certificate {signed.Entity.Subject} from CA '{ca.Name}' (batch line {line}), serial {signed.Entity.SerialNumber}.", customerId: owner, ct: ct);
        foreach (var error in errors)
            await audit.RecordAsync(Action, ClientCertService.EntityType, null, $"Refused batch line {error.Line}: {error.Message}", AuditOutcome.Failure, owner, ct);
        if (issued.Count == 0)
            return new BatchResult([], errors, null, null, []);
        var (zip, passwords) = Zip(issued, ca.Chain, flavour);
        return new BatchResult(issued.Select(i => i.Signed.Entity.Id).ToList(), errors, $"client-certs-{ca.Name.Replace(' ', '-')}.zip".Replace('/', '-'),
            Convert.ToBase64String(zip), passwords);
    }

    private static (byte[] Zip, List<BatchPassword> Passwords) Zip(List<(int Line, SignedClientCert Signed)> issued, IEnumerable<System.Security.Cryptography.X509Certificates.X509Certificate2> chain,
        Pkcs12Flavour flavour)
    {
        var passwords = new List<BatchPassword>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (line, signed) in issued)
            {
                var baseName = ClientCertDownloads.FileBaseName(signed.Entity.CommonName);
                var fileName = names.Add($"{baseName}.pfx") ? $"{baseName}.pfx" : $"{baseName}-line{line}.pfx";
                names.Add(fileName);
                var password = RandomNumberGenerator.GetString(PasswordAlphabet, 20);
                using (var entry = zip.CreateEntry(fileName, CompressionLevel.NoCompression).Open())
                    entry.Write(Pkcs12Writer.Write(signed.Certificate, signed.Key, chain, password, flavour));
                passwords.Add(new BatchPassword(line, signed.Entity.Id, signed.Entity.CommonName, fileName, password));
            }
            using var sheet = new StreamWriter(zip.CreateEntry("passwords.csv").Open(), new UTF8Encoding(false));
            sheet.Write("line,commonName,file,password\n");
            foreach (var p in passwords)
                sheet.Write($"{p.Line},\"{p.CommonName.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{p.FileName},{p.Password}\n");
        }
        return (buffer.ToArray(), passwords);
    }

    private static string Describe(Validation check) =>
        string.Join(" ", check.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}
