using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Renci.SshNet.Common;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// The round trips to an IIS server over Windows OpenSSH, one straight-line PowerShell script each, with the cmdlets
/// and parameters the vendor documents. Errors become <see cref="TargetException"/>s that name what failed.
/// </summary>
internal sealed class IisServer : IDisposable
{
    public const string Store = @"Cert:\LocalMachine\My";
    private const string BindingColumns = "Select-Object -Property bindingInformation,sslFlags,certificateHash,ItemXPath | ConvertTo-Json -Compress";

    private readonly SshSession _session;
    private readonly IisTarget _target;

    private IisServer(SshSession session, IisTarget target) => (_session, _target) = (session, target);

    public static async Task<IisServer> OpenAsync(IisTarget target, CancellationToken ct) => new(await SshSession.OpenAsync(target.Login, ct), target);

    /// <summary>IIS names certificates by their SHA-1 thumbprint, uppercase hex.</summary>
    public static string Thumbprint(DeployableCertificate certificate)
    {
        using var leaf = X509Certificate2.CreateFromPem(certificate.LeafPem);
        return leaf.Thumbprint;
    }

    public async Task<IisSite?> SiteAsync(CancellationToken ct)
    {
        var json = await RunAsync("reading the site", new PowerShellCommand($"Get-Website -Name {Q(_target.SiteName)} | Select-Object -Property name,id,state | ConvertTo-Json -Compress"), ct);
        return Parsed(json, IisSite.ParseAll).FirstOrDefault(s => string.Equals(s.Name, _target.SiteName, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The site the target names, or a message listing the sites there are.</summary>
    public async Task<IisSite> RequireSiteAsync(string nothingChanged, CancellationToken ct)
    {
        if (await SiteAsync(ct) is { } site)
            return site;
        var names = Parsed(await RunAsync("listing the sites", new PowerShellCommand("Get-Website | Select-Object -Property name,id,state | ConvertTo-Json -Compress"), ct), IisSite.ParseAll);
        throw new TargetException($"IIS on {_target.Address} has no site '{_target.SiteName}' (sites: {(names.Count == 0 ? "none" : string.Join(", ", names.Select(n => $"'{n.Name}'")))}). {nothingChanged}".TrimEnd());
    }

    /// <summary>The https bindings of the target's site, or of every site when <paramref name="everySite"/>.</summary>
    public async Task<IReadOnlyList<IisBinding>> BindingsAsync(bool everySite, CancellationToken ct)
    {
        var line = everySite ? $"Get-WebBinding -Protocol https | {BindingColumns}" : $"Get-WebBinding -Name {Q(_target.SiteName)} -Protocol https | {BindingColumns}";
        var bindings = Parsed(await RunAsync("reading the https bindings", new PowerShellCommand(line), ct), IisBinding.ParseAll);
        return everySite ? bindings : bindings.Select(b => b with { Site = _target.SiteName }).ToList();
    }

    public async Task<bool> HasCertificateAsync(string thumbprint, CancellationToken ct) =>
        (await RunAsync("looking for the certificate", new PowerShellCommand($"Test-Path -Path {Q($@"{Store}\{thumbprint}")}"), ct)).Trim() == "True";

    /// <summary>
    /// Uploads the version as PKCS#12 under a random name in the user's home (where both SFTP and the shell start),
    /// imports it, and deletes the file whatever happened. The password is random per run and never leaves this method.
    /// </summary>
    public async Task ImportAsync(DeployableCertificate certificate, string thumbprint, bool legacyPfx, ConnectorRun run, CancellationToken ct, Action<string>? at = null)
    {
        var name = $"certportal-{Guid.NewGuid():N}";
        var (file, passwordFile) = ($"{name}.pfx", $"{name}.pwd");
        var password = RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 32);
        try
        {
            try
            {
                await using (var stream = await _session.Sftp.OpenAsync(file, FileMode.CreateNew, FileAccess.Write, ct))
                    await stream.WriteAsync(certificate.Pfx(password, legacyPfx), ct);
                // The password goes as a file in the user's profile, not on the command line, which Windows may audit (event 4688).
                await using (var stream = await _session.Sftp.OpenAsync(passwordFile, FileMode.CreateNew, FileAccess.Write, ct))
                    await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(password), ct);
            }
            catch (Exception e) when (e is SshException or IOException)
            {
                throw new TargetException($"Uploading the PKCS#12 file over SFTP failed ({e.Message.TrimEnd('.')}); nothing on the server was changed.", e);
            }
            await run.StepAsync("upload", $"Version {certificate.Version} is in the user's home as {file}, protected by a one-time password (in {passwordFile}, not on any command line).");
            at?.Invoke("import");
            var import = new PowerShellCommand(
                $"Import-PfxCertificate -FilePath {Q(file)} -CertStoreLocation {Q(Store)} -Password (ConvertTo-SecureString -String (Get-Content -Raw -Path {Q(passwordFile)}) -AsPlainText -Force) | Select-Object -Property Thumbprint | ConvertTo-Json -Compress");
            var json = await RunAsync("importing the PKCS#12 file", import, ct, password);
            if (!json.Contains($"\"{thumbprint}\"", StringComparison.OrdinalIgnoreCase))
                throw new TargetException($"Import-PfxCertificate did not report the certificate {thumbprint}: {Shorten(json)}");
        }
        finally
        {
            await DeleteAsync(passwordFile);
            await DeleteAsync(file);
        }
        await run.StepAsync("import", $"Version {certificate.Version} is in {Store} as {thumbprint}; the uploaded file is deleted.");
    }

    public Task BindAsync(IisBinding binding, string thumbprint, CancellationToken ct) => RunAsync($"binding {thumbprint} to {binding.BindingInformation}", new PowerShellCommand(
        $"(Get-WebBinding -Name {Q(_target.SiteName)} -Protocol https -Port {binding.Port} -IPAddress {Q(binding.IpAddress)} -HostHeader {Q(binding.HostName)}).AddSslCertificate({Q(thumbprint)}, 'My')"), ct);

    public Task CreateBindingAsync(string thumbprint, CancellationToken ct) => RunAsync($"creating the binding {_target.NewBindingInformation}", new PowerShellCommand(
        $"New-IISSiteBinding -Name {Q(_target.SiteName)} -BindingInformation {Q(_target.NewBindingInformation)} -Protocol https -CertificateThumbPrint {Q(thumbprint)} -CertStoreLocation {Q(Store)} -SslFlag {(_target.Sni ? "'Sni'" : "'None'")}"), ct);

    public Task RemoveBindingAsync(string bindingInformation, CancellationToken ct) => RunAsync($"removing the binding {bindingInformation}", new PowerShellCommand(
        $"Remove-IISSiteBinding -Name {Q(_target.SiteName)} -BindingInformation {Q(bindingInformation)} -Protocol https -Confirm:$false"), ct);

    public Task RemoveCertificateAsync(string thumbprint, CancellationToken ct) =>
        RunAsync($"removing {thumbprint} from the store", new PowerShellCommand($"Remove-Item -Path {Q($@"{Store}\{thumbprint}")}"), ct);

    /// <summary>Runs one script; a non-zero exit becomes a <see cref="TargetException"/> that says what failed.</summary>
    public async Task<string> RunAsync(string what, PowerShellCommand command, CancellationToken ct, string? secret = null)
    {
        var result = await TryRunAsync(what, command, ct);
        if (result.Ok)
            return result.Output;
        var line = PowerShellError.Message(result.Error, result.Output);
        if (secret is not null)
            line = line.Replace(secret, "***", StringComparison.Ordinal);
        throw new TargetException(Explain(what, result.ExitCode, line));
    }

    /// <summary>Runs one script and answers its exit code and output as they are (a native program's "not found" is an answer, not a failure).</summary>
    public async Task<CommandResult> TryRunAsync(string what, PowerShellCommand command, CancellationToken ct)
    {
        try
        {
            return await _session.RunAsync(command.CommandLine, ct, $"PowerShell {what}");
        }
        catch (Exception e) when (e is SshException or IOException or System.Net.Sockets.SocketException)
        {
            throw new TargetException($"The SSH connection to {_target.Address} failed while {what}: {e.Message}", e);
        }
    }

    /// <summary>Writes a file over SFTP (relative paths are in the login's home, where PowerShell starts too).</summary>
    public async Task WriteFileAsync(string path, byte[] content, CancellationToken ct)
    {
        try
        {
            await using var stream = await _session.Sftp.OpenAsync(path, FileMode.Create, FileAccess.Write, ct);
            await stream.WriteAsync(content, ct);
        }
        catch (Exception e) when (e is SshException or IOException)
        {
            throw new TargetException($"Writing {path} over SFTP failed ({e.Message.TrimEnd('.')}).", e);
        }
    }

    /// <summary>A file's content, or null when there is none.</summary>
    public async Task<byte[]?> ReadFileAsync(string path, CancellationToken ct)
    {
        try
        {
            if (!await _session.Sftp.ExistsAsync(path, ct))
                return null;
            return await Task.Run(() => _session.Sftp.ReadAllBytes(path), ct);
        }
        catch (Exception e) when (e is SshException or IOException)
        {
            throw new TargetException($"Reading {path} over SFTP failed ({e.Message.TrimEnd('.')}).", e);
        }
    }

    /// <summary>Makes a folder in the login's home unless it is there.</summary>
    public async Task EnsureFolderAsync(string path, CancellationToken ct)
    {
        try
        {
            if (!await _session.Sftp.ExistsAsync(path, ct))
                await _session.Sftp.CreateDirectoryAsync(path, ct);
        }
        catch (Exception e) when (e is SshException or IOException)
        {
            throw new TargetException($"Making the folder {path} over SFTP failed ({e.Message.TrimEnd('.')}).", e);
        }
    }

    private string Explain(string what, int exitCode, string line)
    {
        if (exitCode == 127 || line.Contains($"{PowerShellCommand.Program}: not found") || line.Contains($"{PowerShellCommand.Program}: command not found"))
            return $"{_target.Address} has no {PowerShellCommand.Program}: is it a Windows server? (the shell said: {line})";
        if (line.Contains("is not recognized as the name of a cmdlet", StringComparison.OrdinalIgnoreCase))
            return $"{_target.Address} runs PowerShell but lacks an IIS cmdlet ({line}): is IIS installed with its Management Scripts and Tools?";
        // Microsoft documents 0x80070520 / netsh 1312 means Windows cannot use the private key (imported in another logon session, bad PFX).
        if (line.Contains("logon session does not exist", StringComparison.OrdinalIgnoreCase) || line.Contains("0x80070520", StringComparison.OrdinalIgnoreCase))
            return $"{Capital(what)} failed: Windows cannot use the certificate's private key ({line}). The key was not stored for the machine; " +
                "import as SYSTEM or an administrator with a loaded profile, and check the PKCS#12 file.";
        return line.Length == 0 ? $"{Capital(what)} failed: PowerShell exited with {exitCode}." : $"{Capital(what)} failed: {line}";
    }

    /// <summary>Deletes a file if it is there; a file that is gone already is no failure.</summary>
    public async Task DeleteAsync(string file)
    {
        try
        {
            await _session.Sftp.DeleteFileAsync(file, CancellationToken.None);
        }
        catch (Exception e) when (e is SshException or IOException)
        {
            // Not there (the upload failed) or already gone; without the password the file is of no use to anyone.
        }
    }

    /// <summary>ConvertTo-Json's answer; anything else (a banner, a warning on stdout) is named rather than thrown as a bug.</summary>
    public T Parsed<T>(string json, Func<string, T> parse)
    {
        try
        {
            return parse(json.Trim('\uFEFF', ' ', '\r', '\n'));
        }
        catch (System.Text.Json.JsonException)
        {
            throw new TargetException($"{_target.Address} answered something that is not ConvertTo-Json output: {Shorten(json)}");
        }
    }

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    public static string Q(string value) => PowerShellCommand.Quote(value);

    private static string Shorten(string text) => text.Trim() is var t && t.Length > 200 ? t[..200] + "…" : t.Trim();

    public void Dispose() => _session.Dispose();
}
