using System.Diagnostics;
using System.Text;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// One run of a hook program with its arguments passed as an argument vector (no shell, so a record name can never
/// be read as a command), a time limit after which the program and everything it started are killed, and the first
/// few kilobytes of its standard error kept for the run's log.
/// </summary>
public sealed record HookRun(int? ExitCode, string Stderr, bool TimedOut)
{
    private const int MaxStderrChars = 2_000;

    public static async Task<HookRun> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan limit, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = new Process { StartInfo = start };
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
                if (e.Data is not null && stderr.Length < MaxStderrChars)
                    stderr.AppendLine(e.Data);
        };
        // Output is read and dropped: a hook that writes much to stdout must not block on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.StandardInput.Close();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            timedOut = !ct.IsCancellationRequested;
            await process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
        }
        string text;
        lock (stderr)
            text = stderr.ToString().Trim();
        if (text.Length > MaxStderrChars)
            text = text[..MaxStderrChars] + "…";
        return new HookRun(timedOut ? null : process.ExitCode, text, timedOut);
    }
}
