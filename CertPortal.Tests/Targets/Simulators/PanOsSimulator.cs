using System.Collections.Concurrent;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CertPortal.Tests.Targets.Simulators;

/// <summary>
/// The PAN-OS XML API as the vendor documents it: key in X-PAN-KEY (else 403), &lt;response status code&gt;
/// envelopes, multipart keypair import (a quoted boundary fails) into the candidate configuration, SSL/TLS profile
/// set, commit jobs polled until FIN. The management port presents the running certificate of the profile that
/// management uses (<see cref="ManagementProfile"/>), the served port that of <see cref="Profile"/> (e.g. GlobalProtect).
/// A CA is imported without a key (<c>category=certificate</c>), made a trusted root CA by a config set, and read back
/// from the running configuration with <c>action=show</c>.
/// </summary>
public sealed class PanOsSimulator : IAsyncDisposable
{
    public const string Key = "pan-test-key";
    public const string Profile = "portal-profile";

    // The firewall's shared configuration scope, which holds certificates, TLS profiles and the trusted-root-CA list.
    private const string Scope = "shared";
    private const string TrustedRoots = "/config/" + Scope + "/ssl-decrypt/trusted-root-CA";

    private readonly object sync = new();
    private readonly Dictionary<string, X509Certificate2> candidate = new(), running = new();
    private readonly Dictionary<string, string> candidateProfiles = new(), runningProfiles = new();
    private readonly HashSet<string> candidateRoots = [], runningRoots = [];
    private readonly ConcurrentDictionary<int, int> jobPolls = new();
    private TlsSimulatorHost host = null!;
    private bool dirty;
    private int nextJob = 100;

    /// <summary>The SSL/TLS service profile of Device > Setup > Management; null: the factory self-signed certificate.</summary>
    public string? ManagementProfile { get; set; } = Profile;

    /// <summary>Step ("import", "bind", "trust", "commit") → error code it answers with.</summary>
    public ConcurrentDictionary<string, int> FailAt { get; } = new();

    /// <summary>How many commit requests are answered "another commit is in progress".</summary>
    public int CommitsInProgress { get; set; }

    /// <summary>How many polls a job stays PEND/ACT before FIN.</summary>
    public int PollsBeforeFinish { get; set; } = 1;

    /// <summary>When set, jobs finish FAIL with this detail line.</summary>
    public string? JobFailure { get; set; }

    /// <summary>Answers every call with a login page, as a proxy or the wrong port would.</summary>
    public bool AnswerHtml { get; set; }

    public string? LastImportContentType { get; private set; }

    public int Commits { get; private set; }

    public string BaseUrl => host.BaseUrl;

    public int ApiPort => host.ApiPort;

    public int ServedPort => host.ServedPort;

    /// <summary>The device accepts every change from now on but keeps serving what it serves now.</summary>
    public void KeepServingCurrent() => host.KeepServingCurrent();

    public string ManagementSha256 => host.ManagementSha256;

    public static async Task<PanOsSimulator> StartAsync()
    {
        var simulator = new PanOsSimulator();
        simulator.host = await TlsSimulatorHost.StartAsync(app => app.MapPost("/api/", async context => await (await simulator.AnswerAsync(context)).ExecuteAsync(context)),
            () => simulator.Served(simulator.ManagementProfile), () => simulator.Served(Profile));
        return simulator;
    }

    private X509Certificate2? Served(string? profile)
    {
        lock (sync)
            return profile is not null && runningProfiles.TryGetValue(profile, out var name) ? running.GetValueOrDefault(name) : null;
    }

    private async Task<IResult> AnswerAsync(HttpContext context)
    {
        if (AnswerHtml)
            return Results.Content("<!DOCTYPE html><html><body>Please log in</body></html>", "text/html");
        if (context.Request.Headers["X-PAN-KEY"] != Key)
            return Xml("<response status=\"error\" code=\"403\"><result><msg>Invalid Credential</msg></result></response>", 403);
        var contentType = context.Request.ContentType ?? "";
        if (contentType.StartsWith("multipart/") && contentType.Contains("boundary=\""))
            return Error(18, "Malformed Request");
        var form = await context.Request.ReadFormAsync();
        string? P(string name) => context.Request.Query[name].FirstOrDefault() ?? form[name].FirstOrDefault();
        lock (sync)
            return (P("type"), P("cmd")) switch
            {
                ("import", _) when P("category") == "certificate" => ImportCa(P("certificate-name")!, form.Files["file"]),
                ("import", _) => Import(P("certificate-name")!, P("passphrase"), form.Files["file"], contentType),
                ("config", _) when P("action") == "set" && P("xpath") == TrustedRoots => Trust(P("element")!),
                ("config", _) when P("action") == "set" => Bind(P("xpath")!, P("element")!),
                ("config", _) when P("action") == "show" => Show(P("xpath")!),
                ("commit", _) => Commit(),
                ("op", "<show><system><info></info></system></show>") => Success("<system><hostname>PA-SIM</hostname><model>PA-VM</model><sw-version>11.1.4</sw-version></system>"),
                ("op", var cmd) when Regex.Match(cmd ?? "", @"^<show><jobs><id>(\d+)</id></jobs></show>$") is { Success: true } m => Job(int.Parse(m.Groups[1].Value)),
                _ => Error(17, "Invalid command"),
            };
    }

    private IResult Import(string name, string? passphrase, IFormFile? file, string contentType)
    {
        LastImportContentType = contentType;
        if (FailAt.TryGetValue("import", out var code))
            return Error(code, "Import of the key pair failed.");
        if (file is null)
            return Error(18, "Malformed Request");
        using var stream = new MemoryStream();
        file.CopyTo(stream);
        candidate[name] = X509CertificateLoader.LoadPkcs12(stream.ToArray(), passphrase, X509KeyStorageFlags.Exportable);
        dirty = true;
        return Xml($"<response status=\"success\"><msg>Successfully imported {SecurityElement.Escape(name)} into candidate configuration</msg></response>");
    }

    private IResult ImportCa(string name, IFormFile? file)
    {
        if (FailAt.TryGetValue("import", out var code))
            return Error(code, "Import of the certificate failed.");
        if (file is null)
            return Error(18, "Malformed Request");
        using var reader = new StreamReader(file.OpenReadStream());
        candidate[name] = X509Certificate2.CreateFromPem(reader.ReadToEnd());
        dirty = true;
        return Xml($"<response status=\"success\"><msg>Successfully imported {SecurityElement.Escape(name)} into candidate configuration</msg></response>");
    }

    private IResult Trust(string element)
    {
        if (FailAt.TryGetValue("trust", out var code))
            return Error(code, "Could not set the trusted root CA.");
        var member = Regex.Match(element, "^<member>([^<]+)</member>$");
        if (!member.Success)
            return Error(6, "Bad Xpath");
        if (!candidate.ContainsKey(member.Groups[1].Value))
            return Error(12, $"certificate '{member.Groups[1].Value}' is not a valid reference");
        candidateRoots.Add(member.Groups[1].Value);
        dirty = true;
        return Xml("<response status=\"success\" code=\"20\"><msg>command succeeded</msg></response>");
    }

    // action=show reads the running configuration.
    private IResult Show(string xpath)
    {
        if (xpath == TrustedRoots)
            return Success($"<trusted-root-CA>{string.Concat(runningRoots.Select(r => $"<member>{SecurityElement.Escape(r)}</member>"))}</trusted-root-CA>");
        var entry = Regex.Match(xpath, @"^/config/" + Scope + @"/certificate/entry\[@name='([^']+)'\]/public-key$");
        return entry.Success && running.TryGetValue(entry.Groups[1].Value, out var certificate)
            ? Success($"<public-key>{certificate.ExportCertificatePem()}</public-key>")
            : Xml("<response status=\"success\" code=\"7\"><result/></response>");
    }

    private IResult Bind(string xpath, string element)
    {
        if (FailAt.TryGetValue("bind", out var code))
            return Error(code, "Could not set the profile.");
        var profile = Regex.Match(xpath, @"^/config/" + Scope + @"/ssl-tls-service-profile/entry\[@name='([^']+)'\]$");
        var certificate = Regex.Match(element, "^<certificate>([^<]+)</certificate>$");
        if (!profile.Success || !certificate.Success)
            return Error(6, "Bad Xpath");
        if (!candidate.ContainsKey(certificate.Groups[1].Value))
            return Error(12, $"certificate '{certificate.Groups[1].Value}' is not a valid reference");
        candidateProfiles[profile.Groups[1].Value] = certificate.Groups[1].Value;
        dirty = true;
        return Xml("<response status=\"success\" code=\"20\"><msg>command succeeded</msg></response>");
    }

    private IResult Commit()
    {
        if (FailAt.TryGetValue("commit", out var code))
            return Error(code, "Commit failed.");
        if (CommitsInProgress > 0)
        {
            CommitsInProgress--;
            return Error(13, "Another commit/validate is in progress. Please try again later");
        }
        if (!dirty)
            return Xml("<response status=\"success\" code=\"19\"><msg>There are no changes to commit.</msg></response>");
        var id = nextJob++;
        jobPolls[id] = 0;
        Commits++;
        return Xml($"<response status=\"success\" code=\"19\"><result><msg><line>Commit job enqueued with jobid {id}</line></msg><job>{id}</job></result></response>");
    }

    private IResult Job(int id)
    {
        if (!jobPolls.TryGetValue(id, out var polls))
            return Error(13, "job not found");
        jobPolls[id] = polls + 1;
        if (polls < PollsBeforeFinish)
            return Success($"<job><id>{id}</id><type>Commit</type><status>{(polls == 0 ? "PEND" : "ACT")}</status><result>PEND</result></job>");
        if (JobFailure is { } failure)
            return Success($"<job><id>{id}</id><type>Commit</type><status>FIN</status><result>FAIL</result><details><line>{SecurityElement.Escape(failure)}</line></details></job>");
        foreach (var (name, certificate) in candidate)
            running[name] = certificate;
        foreach (var (profile, name) in candidateProfiles)
            runningProfiles[profile] = name;
        runningRoots.UnionWith(candidateRoots);
        dirty = false;
        return Success($"<job><id>{id}</id><type>Commit</type><status>FIN</status><result>OK</result><details><line>Configuration committed successfully</line></details></job>");
    }

    private static IResult Success(string result) => Xml($"<response status=\"success\"><result>{result}</result></response>");

    private static IResult Error(int code, string message) =>
        Xml($"<response status=\"error\" code=\"{code}\"><msg><line>{SecurityElement.Escape(message)}</line></msg></response>");

    private static IResult Xml(string body, int status = 200) => Results.Content(body, "application/xml", statusCode: status);

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
