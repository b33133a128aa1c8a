using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CertPortal.Tests.Benchmarks;

/// <summary>
/// Debian's <c>wrk</c> (a load generator in C) posting pre-built OCSP requests round-robin: far cheaper per request
/// than an HttpClient in the test process, so on 2 cores the responders' speeds show rather than the client's.
/// </summary>
public static partial class WrkLoad
{
    public const string Program = "/usr/bin/wrk";

    public sealed record Result(double PerSecond, long Requests, long Non2xx, string SocketErrors, string Output);

    /// <summary>Runs wrk with <paramref name="connections"/> connections for <paramref name="duration"/>; closes each connection after its answer unless <paramref name="keepAlive"/>.</summary>
    public static async Task<Result> PostAsync(string url, IReadOnlyList<byte[]> bodies, TimeSpan duration, bool keepAlive, string folder, int connections = 32)
    {
        if (!File.Exists(Program))
            throw new InvalidOperationException($"{Program} is missing: apt-get install wrk (CertPortal.Tests/Benchmarks/ocsp.sh does).");
        var script = Path.Combine(folder, $"ocsp-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(bodies, keepAlive));
        var info = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-t", "1", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{(int)duration.TotalSeconds}s", "-s", script, url })
            info.ArgumentList.Add(arg);
        using var wrk = Process.Start(info)!;
        var output = await wrk.StandardOutput.ReadToEndAsync() + await wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var perSecond = RequestsPerSecond().Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var requests = Requests().Match(output) is { Success: true } r ? long.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var non2xx = Non2xx().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var errors = SocketErrors().Match(output) is { Success: true } e ? e.Groups[1].Value.Trim() : "none";
        return new Result(perSecond, requests, non2xx, errors, output);
    }

    // Each body as a Lua string of decimal escapes, so any byte passes.
    private static string Script(IReadOnlyList<byte[]> bodies, bool keepAlive)
    {
        var lua = new StringBuilder("local bodies = {\n");
        foreach (var body in bodies)
            lua.Append('"').AppendJoin("", body.Select(b => $"\\{b:D3}")).Append("\",\n");
        lua.Append("}\nlocal i = 0\n")
            .Append("local headers = { [\"Content-Type\"] = \"application/ocsp-request\"")
            .Append(keepAlive ? "" : ", [\"Connection\"] = \"close\"").Append(" }\n")
            .Append("request = function()\n  i = i % #bodies + 1\n  return wrk.format(\"POST\", nil, headers, bodies[i])\nend\n");
        return lua.ToString();
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors:(.*)")]
    private static partial Regex SocketErrors();
}
