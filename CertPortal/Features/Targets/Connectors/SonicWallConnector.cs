using CertPortal.Common;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CertPortal.Data;
using CertPortal.Ftp;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// SonicWall through the SonicOS API: log in (one managing session per device, so always log out), import the
/// PKCS#12 directly or have the firewall fetch it from an FTP server, bind it to HTTPS management, commit.
/// Sources: SonicOS 7.0 API reference, auth and config-pending pages (sonicwall.com/support/technical-documentation/
/// docs/sonicos-7-0-0-0-api/); KB "Introduction to SonicOS API" (sonicwall.com/support/knowledge-base/200818060121313);
/// the SonicOS 7.0.1 OpenAPI file published in github.com/generalsle1n/SonicWallGen7 (import path); the cert-key-pair-ftp
/// URL form and its %2f%2f escaping are from a 6.5-era client and not in the 7.0.1 spec (hence importVia "api" by default).
/// </summary>
public sealed class SonicWallConnector : ITargetConnector
{
    /// <summary>SonicOS certificate names; 31 characters is the limit we keep to (older firmware truncates longer ones).</summary>
    public const int NameLimit = 31;

    public string Type => "sonicwall";

    public string DisplayName => "SonicWall SonicOS (API, or FTP for older firmware)";

    public string Description => "Imports a PKCS#12 through the SonicOS API, or has the firewall fetch it over FTP.";

    public bool ManagementTls => true;

    /// <summary>How long to wait before logging in again while another administrator holds the session.</summary>
    public TimeSpan InUseRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    public int InUseAttempts { get; init; } = 3;

    public IReadOnlyList<TargetField> Fields { get; } =
    [
        new("baseUrl", "Management URL", "https://host:port of the SonicWall's HTTPS management (the SonicOS API must be enabled, Basic authentication allowed).", Kind: SettingKind.EndpointUrl),
        new("username", "Username", "A full administrator; SonicOS allows one managing session at a time, the portal logs out after every run.", Section: FormSection.SignIn),
        new("importVia", "Import via", "api (upload the PKCS#12 in the call) or ftp (the firewall fetches it from an FTP server; older SonicOS).", Required: false, Choices: ["api", "ftp"], Section: FormSection.Destination),
        new("ftpHost", "FTP host", "With importVia ftp: the FTP server the firewall can reach; the portal uploads there first.", Required: false, Kind: SettingKind.EndpointHost, Section: FormSection.Destination, ShownWhen: new("importVia", "ftp")),
        new("ftpPort", "FTP port", "With importVia ftp: default 21.", Required: false, Kind: SettingKind.EndpointPort, Section: FormSection.Destination, ShownWhen: new("importVia", "ftp")),
        new("ftpUsername", "FTP username", "With importVia ftp: default the SonicWall username.", Required: false, Section: FormSection.Destination, ShownWhen: new("importVia", "ftp")),
        new("verifyPort", "Verify port", "Where to check the served certificate, default the management URL's port.", Required: false, Kind: SettingKind.Port, Section: FormSection.Verification),
        new("password", "Password", "The administrator's password.", Secret: true, Section: FormSection.SignIn),
        new("ftpPassword", "FTP password", "With importVia ftp: default the SonicWall password.", Secret: true, Required: false, Section: FormSection.Destination, ShownWhen: new("importVia", "ftp")),
    ];

    public async Task<TargetTestResult> TestAsync(TargetSettings settings, CancellationToken ct)
    {
        await using var session = await LoginAsync(settings, null, ct);
        var version = await session.CallAsync(HttpMethod.Get, "version", null, "Reading the version", ct);
        var firmware = version?["firmware_version"]?.ToString() ?? version?["firmware"]?.ToString();
        return new TargetTestResult(true, firmware is null ? "Logged in to the SonicOS API." : $"Logged in to the SonicOS API; firmware {firmware}.");
    }

    public async Task DeployAsync(ConnectorRun run, CancellationToken ct)
    {
        var name = run.Certificate.DeviceName(NameLimit);
        await using var session = await TargetException.InStepAsync("connect", () => LoginAsync(run.Settings, run.ManagementThumbprints, ct));
        await run.StepAsync("connect", $"Logged in to {run.Settings.Required("baseUrl")} as {run.Settings.Required("username")}.");
        await TargetException.InStepAsync("upload", () => ImportAsync(session, run, name, ct));
        await BindAndCommitAsync(session, run, name, ct);
    }

    public async Task RollbackAsync(ConnectorRun run, CancellationToken ct)
    {
        if (run.Previous is not { } previous)
            throw new TargetException("There is no previous version to bind again.");
        await using var session = await LoginAsync(run.Settings, run.ManagementThumbprints, ct);
        await BindAndCommitAsync(session, run, previous.DeviceName(NameLimit), ct);
    }

    /// <summary>
    /// HTTPS management is what gets bound, so the management address serves it (verifyPort: another interface's
    /// management port). The API presents it too from the commit on; the portal re-pins a pinned target after verifying.
    /// </summary>
    public VerificationEndpoint? EndpointToVerify(TargetSettings settings, IReadOnlyDictionary<string, string?> options) =>
        Uri.TryCreate(settings.Optional("baseUrl"), UriKind.Absolute, out var url) ? new VerificationEndpoint(url.Host, settings.Port("verifyPort", url.Port), url.Host) : null;

    private async Task<SonicOsSession> LoginAsync(TargetSettings settings, IEnumerable<string>? alsoTrusted, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SonicOsSession.LoginAsync(settings, alsoTrusted, ct);
            }
            catch (SonicOsSession.InUse e)
            {
                if (attempt >= InUseAttempts)
                    throw new TargetException($"{e.Message} (tried {attempt} times). Ask them to log out, or retry later.", e);
                await Task.Delay(InUseRetryDelay, ct);
            }
        }
    }

    private static async Task ImportAsync(SonicOsSession session, ConnectorRun run, string name, CancellationToken ct)
    {
        // Older SonicOS reads only 3DES/SHA-1 PKCS#12; the password lives only for this import.
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var pfx = run.Certificate.Pfx(password, legacy: true);
        var importVia = run.Settings.Optional("importVia") ?? "api";
        if (importVia.Equals("api", StringComparison.OrdinalIgnoreCase))
        {
            var body = new ByteArrayContent(pfx);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            var (imported, _) = await session.CallUnlessAsync(HttpMethod.Put, $"import/certificates/cert-key-pair/name/{Uri.EscapeDataString(name)}/password/{password}",
                body, "Importing the certificate", AlreadyThere, ct);
            await run.StepAsync("upload", imported ? $"Imported version {run.Certificate.Version} as '{name}'." : AlreadyThereMessage(run, name));
        }
        else if (importVia.Equals("ftp", StringComparison.OrdinalIgnoreCase))
            await ImportThroughFtpAsync(session, run, name, password, pfx, ct);
        else
            throw new TargetException($"importVia must be api or ftp, not '{importVia}'.");
    }

    private static async Task ImportThroughFtpAsync(SonicOsSession session, ConnectorRun run, string name, string password, byte[] pfx, CancellationToken ct)
    {
        var settings = run.Settings;
        var host = settings.Optional("ftpHost") ?? throw new TargetException("importVia is ftp but ftpHost is empty.");
        var port = settings.Port("ftpPort", 21);
        var user = settings.Optional("ftpUsername") ?? settings.Required("username");
        var ftpPassword = settings.Optional("ftpPassword") ?? settings.Required("password");
        var file = $"{name}.p12";
        // Plain FTP: the firewall fetches with plain ftp:// anyway, so the file is protected by its PKCS#12 password
        // and deleted right after the import.
        await using var ftp = await ConnectFtpAsync(new FtpConnection(host, port, user, ftpPassword), ct);
        try
        {
            await Ftp(() => ftp.UploadAsync(file, pfx, ct), $"Uploading to ftp://{host}:{port}/");
            await run.StepAsync("upload", $"Uploaded version {run.Certificate.Version} to ftp://{host}:{port}/{file}.");
            var url = $"ftp://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(ftpPassword)}@{host}:{port}/{file}".Replace("//", "%2f%2f");
            var (imported, _) = await session.CallUnlessAsync(HttpMethod.Post, $"certificates/import/cert-key-pair-ftp/name/{Uri.EscapeDataString(name)}/password/{password}/url/{url}/",
                null, "Importing the certificate from FTP", AlreadyThere, ct);
            await run.StepAsync("import", imported ? $"The SonicWall imported '{name}' from FTP." : AlreadyThereMessage(run, name));
        }
        finally
        {
            try
            {
                await ftp.DeleteAsync(file, CancellationToken.None);
            }
            catch (FtpException)
            {
                // Leaving the (password-protected) file is not worth failing the run; the server said why on its side.
            }
        }
    }

    // A retried run (the commit failed, the portal restarted) finds its own import from before: the name holds the
    // same version, so it is used. SonicOS's wording for this refusal is not documented; it is matched loosely.
    private static bool AlreadyThere(string info) =>
        info.Contains("exist", StringComparison.OrdinalIgnoreCase) || info.Contains("duplicate", StringComparison.OrdinalIgnoreCase);

    private static string AlreadyThereMessage(ConnectorRun run, string name) =>
        $"'{name}' (version {run.Certificate.Version}) is already on the SonicWall from an earlier attempt; using it.";

    private static async Task BindAndCommitAsync(SonicOsSession session, ConnectorRun run, string name, CancellationToken ct)
    {
        await TargetException.InStepAsync("bind", () => BindAsync(session, run, name, ct));
        await TargetException.InStepAsync("commit", async () =>
        {
            await session.CallAsync(HttpMethod.Post, "config/pending", new StringContent("{}", Encoding.UTF8, "application/json"), "Committing the configuration", ct);
            await run.StepAsync("commit", "Committed the pending configuration.");
        });
    }

    private static async Task BindAsync(SonicOsSession session, ConnectorRun run, string name, CancellationToken ct)
    {
        // PUT /administration/global replaces the whole object: read it, change the certificate, write it back.
        var global = await session.CallAsync(HttpMethod.Get, "administration/global", null, "Reading the administration settings", ct) as JsonObject
            ?? throw new TargetException("Reading the administration settings: the SonicWall answered nothing.");
        global.Remove("status");
        var administration = global["administration"] as JsonObject ?? (JsonObject)(global["administration"] = new JsonObject());
        var web = administration["web_management"] as JsonObject ?? (JsonObject)(administration["web_management"] = new JsonObject());
        web["certificate"] = new JsonObject { ["name"] = name };
        await session.CallAsync(HttpMethod.Put, "administration/global", new StringContent(global.ToJsonString(), Encoding.UTF8, "application/json"),
            "Binding the certificate to HTTPS management", ct);
        await run.StepAsync("bind", $"HTTPS management uses '{name}' (pending).");
    }

    private static Task<FtpClient> ConnectFtpAsync(FtpConnection connection, CancellationToken ct) =>
        Ftp(() => FtpClient.ConnectAsync(connection, ct), $"Connecting to ftp://{connection.Host}:{connection.Port}/");

    private static async Task Ftp(Func<Task> call, string what) => await Ftp(async () => { await call(); return true; }, what);

    private static async Task<T> Ftp<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call();
        }
        catch (FtpException e)
        {
            throw new TargetException($"{what}: {e.Message}", e);
        }
    }
}
