using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace CertPortal.Tests.Targets.Simulators;

/// <summary>
/// The certificate store side of the simulated powershell.exe: Cert:\LocalMachine\My through Test-Path,
/// Import-PfxCertificate and Remove-Item; \Root and \CA through Import-Certificate, Get-ChildItem and Remove-Item.
/// </summary>
public sealed partial class IisPowerShell
{
    private List<object> TestPath(PowerShellSegment command)
    {
        command.Allow("Path");
        return [CertPath(command["Path"]) is { } found && found.Store.ContainsKey(found.Thumbprint)];
    }

    private List<object> RemoveItem(PowerShellSegment command)
    {
        command.Allow("Path");
        var path = command["Path"] ?? "";
        if (iis.Failing("remove"))
            throw new PowerShellFailure($"Remove-Item : Access is denied.");
        var found = CertPath(path);
        if (found is { } trust && trust.Store != iis.Store && !iis.Elevated)
            throw new PowerShellFailure("Remove-Item : Access is denied.");
        // Windows removes a certificate even while a binding uses it; the binding then serves nothing.
        if (found is not { } item || !item.Store.Remove(item.Thumbprint))
            throw new PowerShellFailure($"Remove-Item : Cannot find path '{path}' because it does not exist.");
        return [];
    }

    /// <summary>Get-ChildItem of a certificate store lists its certificates (the Cert: drive shows no CRLs).</summary>
    private List<object> ChildItems(PowerShellSegment command)
    {
        command.Allow("Path");
        var store = StoreAt(command["Path"]) ?? throw new PowerShellFailure($"simulator: Get-ChildItem -Path {command["Path"]}", unsupported: true);
        return [.. store.Values.Select(c => new Dictionary<string, object?> { ["Thumbprint"] = c.Thumbprint, ["Subject"] = c.Subject })];
    }

    /// <summary>Import-Certificate: a certificate file (DER or base64) into LocalMachine\Root or \CA, which needs an elevated administrator.</summary>
    private List<object> ImportCertificate(PowerShellSegment command, string workingDirectory)
    {
        command.Allow("FilePath", "CertStoreLocation");
        if (command["CertStoreLocation"] is not { } location || StoreAt(location) is not { } store || store == iis.Store)
            throw new PowerShellFailure($"simulator: Import-Certificate into {command["CertStoreLocation"]}", unsupported: true);
        var file = InHome(workingDirectory, command["FilePath"]);
        if (!File.Exists(file))
            throw new PowerShellFailure("Import-Certificate : The system cannot find the file specified. (Exception from HRESULT: 0x80070002)");
        if (!iis.Elevated || iis.Failing("import-ca"))
            throw new PowerShellFailure("Import-Certificate : Access is denied. 0x80070005 (WIN32: 5 ERROR_ACCESS_DENIED)");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(File.ReadAllBytes(file));
        }
        catch (CryptographicException)
        {
            // Worded by the simulator after CRYPT_E_NO_MATCH, what CryptoAPI answers for a file that holds no certificate.
            throw new PowerShellFailure("Import-Certificate : Cannot find the requested object. 0x80092009 (-2146885623 CRYPT_E_NO_MATCH)");
        }
        store[certificate.Thumbprint] = certificate;
        return [new Dictionary<string, object?> { ["Thumbprint"] = certificate.Thumbprint, ["Subject"] = certificate.Subject }];
    }

    /// <summary>A relative Windows path is in the login's home, where the simulated shell starts.</summary>
    private static string InHome(string workingDirectory, string? path) => Path.Combine(workingDirectory, (path ?? "").Replace('\\', '/'));

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

    /// <summary>Cert:\LocalMachine\My, \Root or \CA.</summary>
    private Dictionary<string, X509Certificate2>? StoreAt(string? path)
    {
        const string prefix = @"Cert:\LocalMachine\";
        if (path is null || !path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            return null;
        var name = path[prefix.Length..];
        return name.Equals("My", StringComparison.OrdinalIgnoreCase) ? iis.Store : iis.TrustStores.GetValueOrDefault(name);
    }

    /// <summary>A certificate's path in a store, e.g. Cert:\LocalMachine\Root\THUMBPRINT.</summary>
    private (Dictionary<string, X509Certificate2> Store, string Thumbprint)? CertPath(string? path)
    {
        var cut = path?.LastIndexOf('\\') ?? -1;
        return cut > 0 && StoreAt(path![..cut]) is { } store ? (store, path[(cut + 1)..].ToUpperInvariant()) : null;
    }

    // Get-Content -Raw reads the one-time password file the connector uploaded beside the PKCS#12 file.
    [GeneratedRegex(@"^\(ConvertTo-SecureString -String \(Get-Content -Raw -Path '((?:[^']|'')*)'\) -AsPlainText -Force\)$")]
    private static partial Regex SecureString();
}
