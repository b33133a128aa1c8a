using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CertPortal.Tests.Benchmarks;

/// <summary>
/// ApacheBench (<c>ab</c>, Debian's <c>apache2-utils</c>) as the load generator: a C program in a process of its own,
/// so the CPU a responder's process uses is spent on answering alone, which an in-process client could not give.
/// </summary>
public static partial class ApacheBench
{
    public const string Program = "/usr/bin/ab";

    /// <summary>One run's figures: answers per second, answers completed, and failures (connect, receive, exceptions, non-2xx).</summary>
    public sealed record Result(double PerSecond, long Completed, long Failed, string Output);

    /// <summary>
    /// Sends <paramref name="body"/> as an OCSP request by POST (or, with <paramref name="getUrl"/>, a GET to that URL)
    /// from <paramref name="clients"/> concurrent connections for <paramref name="duration"/>.
    /// </summary>
    public static async Task<Result> RunAsync(string url, byte[] body, int clients, TimeSpan duration, bool keepAlive, string folder, bool get = false)
    {
        if (!File.Exists(Program))
            throw new InvalidOperationException($"{Program} is missing: apt-get install apache2-utils (the benchmark script does).");
        var info = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // -l: answers differ in length (each openssl answer has a fresh ECDSA signature), which is not a failure.
        // -t with a large -n: run for the time, not for a count.
        string[] args = ["-t", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-n", "50000000", "-c", clients.ToString(CultureInfo.InvariantCulture), "-l", "-r"];
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        if (keepAlive)
            info.ArgumentList.Add("-k");
        if (!get)
        {
            var file = Path.Combine(folder, "ab-request.der");
            await File.WriteAllBytesAsync(file, body);
            info.ArgumentList.Add("-p");
            info.ArgumentList.Add(file);
            info.ArgumentList.Add("-T");
            info.ArgumentList.Add("application/ocsp-request");
        }
        info.ArgumentList.Add(url);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(duration + TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        var completed = Number(CompletedLine().Match(output));
        var failed = Number(ConnectFailures().Match(output)) + Number(ReceiveFailures().Match(output)) + Number(ExceptionFailures().Match(output))
            + Number(Non2xxLine().Match(output));
        var perSecond = PerSecondLine().Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new Result(perSecond, completed - Number(Non2xxLine().Match(output)), failed, output);
    }

    private static long Number(Match match) => match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"Complete requests:\s+(\d+)")]
    private static partial Regex CompletedLine();

    [GeneratedRegex(@"Requests per second:\s+([\d.]+)")]
    private static partial Regex PerSecondLine();

    [GeneratedRegex(@"Connect: (\d+)")]
    private static partial Regex ConnectFailures();

    [GeneratedRegex(@"Receive: (\d+)")]
    private static partial Regex ReceiveFailures();

    [GeneratedRegex(@"Exceptions: (\d+)")]
    private static partial Regex ExceptionFailures();

    [GeneratedRegex(@"Non-2xx responses:\s+(\d+)")]
    private static partial Regex Non2xxLine();
}
