using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace CertPortal.Tests.Targets.Simulators;

/// <summary>The certificate store side of the simulated powershell.exe: Cert:\LocalMachine\My through Test-Path, Import-PfxCertificate and Remove-Item.</summary>
public sealed partial class IisPowerShell
{
    private List<object> TestPath(PowerShellSegment command)
    {
        command.Allow("Path");
        return [Thumbprint(command["Path"]) is { } thumbprint && iis.Store.ContainsKey(thumbprint)];
    }

    private List<object> RemoveItem(PowerShellSegment command)
    {
        command.Allow("Path");
        var path = command["Path"] ?? "";
        if (iis.Failing("remove"))
            throw new PowerShellFailure($"Remove-Item : Access is denied.");
        // Windows removes a certificate even while a binding uses it; the binding then serves nothing.
        if (Thumbprint(path) is not { } thumbprint || !iis.Store.Remove(thumbprint))
            throw new PowerShellFailure($"Remove-Item : Cannot find path '{path}' because it does not exist.");
        return [];
    }

    private List<object> Import(PowerShellSegment command, string workingDirectory)
    {
        command.Allow("FilePath", "CertStoreLocation", "Password");
        if (command["CertStoreLocation"] != Store || SecureString().Match(command["Password"] ?? "") is not { Success: true } password)
            throw new PowerShellFailure($"simulator: Import-PfxCertificate with {string.Join(' ', command.Parameters.Keys)}", unsupported: true);
        var file = Path.Combine(workingDirectory, command["FilePath"]!);
        if (!File.Exists(file))
            throw new PowerShellFailure("Import-PfxCertificate : The system cannot find the file specified. (Exception from HRESULT: 0x80070002)");
        if (iis.Failing("import"))
            throw new PowerShellFailure("Import-PfxCertificate : Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))");
        X509Certificate2Collection imported;
        try
        {
            var passwordFile = Path.Combine(workingDirectory, password.Groups[1].Value.Replace("''", "'"));
            if (!File.Exists(passwordFile))
                throw new PowerShellFailure($"Get-Content : Cannot find path '{passwordFile}' because it does not exist.");
            var secret = File.ReadAllText(passwordFile);
            lock (iis.PfxPasswords)
                iis.PfxPasswords.Add(secret);
            imported = X509CertificateLoader.LoadPkcs12Collection(File.ReadAllBytes(file), secret, X509KeyStorageFlags.Exportable);
        }
        catch (CryptographicException)
        {
            throw new PowerShellFailure("Import-PfxCertificate : The PFX file you are trying to import requires either a different password or membership in an " +
                "Active Directory principal to which it is protected.");
        }
        // The leaf (the one with the key) goes to My; the chain's CA certificates go to the CA stores, which this simulator does not keep.
        var leaf = imported.Single(c => c.HasPrivateKey);
        iis.Store[leaf.Thumbprint] = leaf;
        return [new Dictionary<string, object?> { ["Thumbprint"] = leaf.Thumbprint, ["Subject"] = leaf.Subject }];
    }

    private static string? Thumbprint(string? path) =>
        path is not null && path.StartsWith(Store + "\\", StringComparison.OrdinalIgnoreCase) ? path[(Store.Length + 1)..].ToUpperInvariant() : null;

    // Get-Content -Raw reads the one-time password file the connector uploaded beside the PKCS#12 file.
    [GeneratedRegex(@"^\(ConvertTo-SecureString -String \(Get-Content -Raw -Path '((?:[^']|'')*)'\) -AsPlainText -Force\)$")]
    private static partial Regex SecureString();
}
