using CertPortal.Common;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// Any DNS an admin can script: runs <c>HOOK add|remove &lt;record name&gt; &lt;value&gt;</c>, the convention of
/// certbot's manual hooks and dehydrated's hooks, on the portal's machine. Exit code 0 means done; anything else, or
/// running past the time limit, fails the step with the exit code and the hook's standard error.
/// </summary>
public sealed class ScriptProvider : IDnsProviderType, IChecksSettings
{
    public const string TypeName = "script";
    private const int DefaultTimeoutSeconds = 120;

    public string Type => TypeName;

    public string DisplayName => "Script hook (a program of your own)";

    public string Description => "Runs HOOK add|remove <record name> <value> on the portal's machine; admins only.";

    public IReadOnlyList<ProviderField> Fields { get; } =
    [
        new("program", "Hook program", "Absolute path of an executable on the portal's machine, run without a shell as: HOOK add|remove <record name> <value>."),
        new("hookTimeoutSeconds", "Time limit (s)", $"The hook and everything it started are killed after this long. Default {DefaultTimeoutSeconds}.", Required: false),
        new("zone", "Zone for the Test record", "Test runs the hook's add and remove for a random TXT record under this zone.", Required: false),
    ];

    public Task CreateTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct) =>
        RunAsync(settings, "add", recordName, value, ct);

    public Task DeleteTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct) =>
        RunAsync(settings, "remove", recordName, value, ct);

    public void Check(IReadOnlyDictionary<string, string?> values, Validation check)
    {
        if (values.GetValueOrDefault("program") is { Length: > 0 } program && Unusable(program) is { } why)
            check.Add("settings.program", why);
        if (values.GetValueOrDefault("hookTimeoutSeconds") is { Length: > 0 } limit && !(int.TryParse(limit, out var s) && s is > 0 and <= 3600))
            check.Add("settings.hookTimeoutSeconds", "The time limit must be a whole number of seconds from 1 to 3600.");
    }

    private static async Task RunAsync(DnsProviderSettings settings, string verb, string recordName, string value, CancellationToken ct)
    {
        var program = settings.Required("program");
        if (Unusable(program) is { } why)
            throw new DnsProviderException(why);
        var limit = TimeSpan.FromSeconds(int.TryParse(settings.Optional("hookTimeoutSeconds"), out var s) && s > 0 ? s : DefaultTimeoutSeconds);
        var run = await HookRun.RunAsync(program, [verb, recordName, value], limit, ct);
        var said = run.Stderr.Length > 0 ? $" Its standard error: {run.Stderr}" : " It wrote nothing to standard error.";
        if (run.TimedOut)
            throw new DnsProviderException($"The hook {program} {verb} {recordName} did not finish within {limit.TotalSeconds:F0} s and was killed.{said}");
        if (run.ExitCode != 0)
            throw new DnsProviderException($"The hook {program} {verb} {recordName} exited with code {run.ExitCode}.{said}");
    }

    private static string? Unusable(string program)
    {
        if (!Path.IsPathFullyQualified(program))
            return $"The hook program must be an absolute path, e.g. /usr/local/bin/dns-hook; '{program}' is not.";
        if (!File.Exists(program))
            return $"There is no file {program} on the portal's machine.";
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(program) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
            return $"{program} is not executable; chmod +x it.";
        return null;
    }
}
