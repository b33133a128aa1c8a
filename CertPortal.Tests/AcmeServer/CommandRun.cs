using System.Diagnostics;

namespace CertPortal.Tests.AcmeServer;

/// <summary>One run of a real ACME client (lego, certbot) or nsupdate to its end, with what it printed.</summary>
internal sealed record CommandRun(int ExitCode, string Output)
{
    public static async Task<CommandRun> RunAsync(string program, IEnumerable<string> args, IDictionary<string, string>? environment = null, string? input = null, int seconds = 180)
    {
        if (!File.Exists(program))
            throw new InvalidOperationException($"{program} is missing: install its Debian package (CertPortal.Tests/run-tests.sh does).");
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
            await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {seconds} s:\n{await stdout}\n{await stderr}");
        }
        return new CommandRun(process.ExitCode, await stdout + await stderr);
    }

    public CommandRun Succeeded(string what)
    {
        Assert.True(ExitCode == 0, $"{what} exited with {ExitCode}:\n{Output}");
        return this;
    }
}
