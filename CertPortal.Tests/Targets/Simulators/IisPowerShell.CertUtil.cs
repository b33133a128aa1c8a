using System.Formats.Asn1;
using System.Security.Cryptography;

namespace CertPortal.Tests.Targets.Simulators;

/// <summary>
/// certutil.exe as PowerShell runs it (a native program: its exit code is $LASTEXITCODE, it does not stop the script,
/// and it writes its failures to stdout). Only what the connector needs, with the syntax of the certutil reference:
/// <c>[-f] -addstore CA InFile</c> (a CRL; -f lets it replace a CRL of the same issuer), <c>-store CA CertId</c> and
/// <c>-delstore CA CertId</c> with CertId the SHA-1 hash of a CRL or certificate. Changes need an elevated administrator.
/// </summary>
public sealed partial class IisPowerShell
{
    private int _lastExitCode;

    private void CertUtil(IReadOnlyList<string> tokens, string workingDirectory)
    {
        var args = tokens.Skip(1).Select(t => t.StartsWith('\'') ? t[1..^1].Replace("''", "'") : t).ToList();
        var force = args.Remove("-f");
        switch (args)
        {
            case ["-addstore", "CA", var file]:
                AddStore(InHome(workingDirectory, file), force);
                break;
            case ["-store", "CA", var id] when !force:
                StoreDump(id);
                break;
            case ["-delstore", "CA", var id] when !force:
                DelStore(id);
                break;
            default:
                throw new PowerShellFailure($"simulator: certutil {string.Join(' ', tokens.Skip(1))}", unsupported: true);
        }
    }

    private void AddStore(string file, bool force)
    {
        if (!File.Exists(file))
        {
            CertUtilFailed("-addstore", 0x80070002, "WIN32: 2 ERROR_FILE_NOT_FOUND", "The system cannot find the file specified.");
            return;
        }
        if (!iis.Elevated || iis.Failing("addstore"))
        {
            CertUtilFailed("-addstore", 0x80070005, "WIN32: 5 ERROR_ACCESS_DENIED", "Access is denied.");
            return;
        }
        var crl = File.ReadAllBytes(file);
        if (CrlFields(crl) is not { } fields)
        {
            CertUtilFailed("-addstore", 0x8009310B, "ASN: 267 CRYPT_E_ASN1_BADTAG", "ASN1 bad tag value met.");
            return;
        }
        // The simulator's reading of "matching CRL" (CertAddCRLContextToStore): one of the same issuer.
        var matching = iis.Crls.FindIndex(c => CrlFields(c) is { } other && other.Issuer.AsSpan().SequenceEqual(fields.Issuer));
        if (matching >= 0 && !force)
        {
            CertUtilFailed("-addstore", 0x80092005, "-2146885627 CRYPT_E_EXISTS", "The object or property already exists.");
            return;
        }
        if (matching >= 0)
            iis.Crls.RemoveAt(matching);
        iis.Crls.Add(crl);
        _output.Append($"CA \"Intermediate Certification Authorities\"\r\nCRL \"{fields.ThisUpdate:u}\" added to store.\r\nCertUtil: -addstore command completed successfully.\r\n");
        _lastExitCode = 0;
    }

    private void StoreDump(string id)
    {
        var hash = id.Replace(" ", "", StringComparison.Ordinal);
        var crl = iis.Crls.FirstOrDefault(c => Convert.ToHexString(SHA1.HashData(c)).Equals(hash, StringComparison.OrdinalIgnoreCase));
        if (crl is null)
        {
            CertUtilFailed("-store", 0x80092004, "-2146885628 CRYPT_E_NOT_FOUND", "Cannot find object or property.");
            return;
        }
        var (_, thisUpdate) = CrlFields(crl)!.Value;
        _output.Append($"CA \"Intermediate Certification Authorities\"\r\n================ CRL 0 ================\r\n ThisUpdate: {thisUpdate:u}\r\n" +
            $"CRL Hash(sha1): {Convert.ToHexStringLower(SHA1.HashData(crl))}\r\nCertUtil: -store command completed successfully.\r\n");
        _lastExitCode = 0;
    }

    private void DelStore(string id)
    {
        var hash = id.Replace(" ", "", StringComparison.Ordinal);
        var index = iis.Crls.FindIndex(c => Convert.ToHexString(SHA1.HashData(c)).Equals(hash, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            CertUtilFailed("-delstore", 0x80092004, "-2146885628 CRYPT_E_NOT_FOUND", "Cannot find object or property.");
        else if (!iis.Elevated)
            CertUtilFailed("-delstore", 0x80070005, "WIN32: 5 ERROR_ACCESS_DENIED", "Access is denied.");
        else
        {
            iis.Crls.RemoveAt(index);
            _output.Append("CA \"Intermediate Certification Authorities\"\r\nDeleting CRL 0\r\nCertUtil: -delstore command completed successfully.\r\n");
            _lastExitCode = 0;
        }
    }

    /// <summary>certutil's failure lines. Its exit code is the HRESULT; the simulated one passes a shell's exit, so its low byte.</summary>
    private void CertUtilFailed(string verb, uint hresult, string code, string text)
    {
        _output.Append($"CertUtil: {verb} command FAILED: 0x{hresult:x8} ({code})\r\nCertUtil: {text}\r\n");
        _lastExitCode = (int)(hresult & 0xFF) is var low && low != 0 ? low : 1;
    }

    /// <summary>Issuer (DER) and thisUpdate of a CRL (RFC 5280 5.1), or null when the file is no CRL.</summary>
    private static (byte[] Issuer, DateTimeOffset ThisUpdate)? CrlFields(byte[] der)
    {
        try
        {
            var tbs = new AsnReader(der, AsnEncodingRules.DER).ReadSequence().ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
                tbs.ReadInteger();
            tbs.ReadSequence();
            var issuer = tbs.ReadEncodedValue().ToArray();
            var thisUpdate = tbs.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? tbs.ReadUtcTime() : tbs.ReadGeneralizedTime();
            return (issuer, thisUpdate);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
