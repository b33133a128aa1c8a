using System.Text.Json;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// The LocalMachine certificate stores of a Windows server as a trust push uses them (docs/trust-push.md): certificates
/// through Import-Certificate, Get-ChildItem and Remove-Item on <c>Cert:\LocalMachine\…</c>; CRLs through certutil
/// (<c>-addstore</c>, <c>-store</c>, <c>-delstore</c> with the CRL's SHA-1 hash), since Import-Certificate takes no CRL.
/// Files go over SFTP into a folder of the login's home and are deleted after use; the folder also keeps the last CRL
/// pushed per CA, so a later run can put it back.
/// </summary>
internal sealed class IisCertStores(IisServer server)
{
    public const string Folder = "certportal-trust";
    private const string NotFound = "0x80092004"; // CRYPT_E_NOT_FOUND: certutil found no object with that id

    public static string PathOf(string store) => $@"Cert:\LocalMachine\{store}";

    /// <summary>The SHA-1 thumbprints (uppercase hex) Get-ChildItem lists in a store.</summary>
    public async Task<IReadOnlyList<string>> ThumbprintsAsync(string store, CancellationToken ct)
    {
        var json = await RunAsync($"reading {PathOf(store)}", new PowerShellCommand(
            $"Get-ChildItem -Path {IisServer.Q(PathOf(store))} | Select-Object -Property Thumbprint | ConvertTo-Json -Compress"), ct);
        return server.Parsed(json, Thumbprints);
    }

    public async Task ImportAsync(string store, byte[] der, string thumbprint, CancellationToken ct)
    {
        var file = await UploadAsync(der, "cer", ct);
        try
        {
            var json = await RunAsync($"importing the CA into {PathOf(store)}", new PowerShellCommand(
                $"Import-Certificate -FilePath {IisServer.Q(file)} -CertStoreLocation {IisServer.Q(PathOf(store))} | Select-Object -Property Thumbprint | ConvertTo-Json -Compress"), ct);
            if (!server.Parsed(json, Thumbprints).Contains(thumbprint, StringComparer.OrdinalIgnoreCase))
                throw new TargetException($"Import-Certificate did not report the CA {thumbprint} in {PathOf(store)}.");
        }
        finally
        {
            await server.DeleteAsync(ToSftp(file));
        }
    }

    public Task RemoveAsync(string store, string thumbprint, CancellationToken ct) => RunAsync($"removing {thumbprint} from {PathOf(store)}",
        new PowerShellCommand($@"Remove-Item -Path {IisServer.Q($@"{PathOf(store)}\{thumbprint}")}"), ct);

    /// <summary>certutil -f -addstore CA: -f lets a CRL of the same issuer replace the one there.</summary>
    public async Task AddCrlAsync(byte[] der, CancellationToken ct)
    {
        var file = await UploadAsync(der, "crl", ct);
        try
        {
            await RunAsync("adding the CRL to Cert:\\LocalMachine\\CA", Certutil($"-f -addstore CA {IisServer.Q(file)}"), ct);
        }
        finally
        {
            await server.DeleteAsync(ToSftp(file));
        }
    }

    /// <summary>Whether the CA store holds exactly this CRL: certutil finds CRLs by the SHA-1 hash of their encoding.</summary>
    public Task<bool> HasCrlAsync(string sha1, CancellationToken ct) => FoundAsync("reading the CRL from Cert:\\LocalMachine\\CA", $"-store CA {IisServer.Q(sha1)}", ct);

    /// <summary>Removes the CRL with this SHA-1 hash; false when the store did not hold it.</summary>
    public Task<bool> RemoveCrlAsync(string sha1, CancellationToken ct) => FoundAsync("removing the CRL from Cert:\\LocalMachine\\CA", $"-delstore CA {IisServer.Q(sha1)}", ct);

    /// <summary>The CRL the portal last put into the CA store for the CA <paramref name="key"/> names, if any.</summary>
    public Task<byte[]?> KeptCrlAsync(string key, CancellationToken ct) => server.ReadFileAsync($"{Folder}/{key}.crl", ct);

    public async Task KeepCrlAsync(string key, byte[]? crl, CancellationToken ct)
    {
        if (crl is null)
            await server.DeleteAsync($"{Folder}/{key}.crl");
        else
            await server.WriteFileAsync($"{Folder}/{key}.crl", crl, ct);
    }

    private async Task<bool> FoundAsync(string what, string arguments, CancellationToken ct)
    {
        var result = await server.TryRunAsync(what, Certutil(arguments), ct);
        if (result.Ok)
            return true;
        var line = PowerShellError.Message(result.Error, result.Output);
        return line.Contains(NotFound, StringComparison.OrdinalIgnoreCase) ? false : throw Elevation(new TargetException($"{char.ToUpperInvariant(what[0])}{what[1..]} failed: {line}"));
    }

    // A native program's exit code does not stop PowerShell: the script ends with it, so a failure is one.
    private static PowerShellCommand Certutil(string arguments) => new($"certutil {arguments}", "exit $LASTEXITCODE");

    private async Task<string> RunAsync(string what, PowerShellCommand command, CancellationToken ct)
    {
        try
        {
            return await server.RunAsync(what, command, ct);
        }
        catch (TargetException e)
        {
            throw Elevation(e);
        }
    }

    /// <summary>Names the likely cause of "access denied": the LocalMachine stores take changes from an elevated administrator only.</summary>
    private static TargetException Elevation(TargetException e) =>
        e.Message.Contains("0x80070005", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("Access is denied", StringComparison.OrdinalIgnoreCase)
            ? new TargetException($"{e.Message.TrimEnd('.')}. The LocalMachine certificate stores take changes only from an elevated administrator: " +
                "log in as a member of Administrators whose session is elevated.", e)
            : e;

    private async Task<string> UploadAsync(byte[] content, string extension, CancellationToken ct)
    {
        await server.EnsureFolderAsync(Folder, ct);
        var file = $@"{Folder}\{Guid.NewGuid():N}.{extension}";
        await server.WriteFileAsync(ToSftp(file), content, ct);
        return file;
    }

    private static string ToSftp(string windowsPath) => windowsPath.Replace('\\', '/');

    /// <summary>ConvertTo-Json prints nothing for no objects, an object for one and an array for several.</summary>
    private static IReadOnlyList<string> Thumbprints(string json)
    {
        if (json.Length == 0)
            return [];
        using var document = JsonDocument.Parse(json);
        var items = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [document.RootElement];
        return items.Select(i => i.TryGetProperty("Thumbprint", out var t) ? t.GetString() : null).OfType<string>().ToList();
    }
}
