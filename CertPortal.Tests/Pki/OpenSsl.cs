using System.Diagnostics;

namespace CertPortal.Tests.Pki;

/// <summary>Debian's <c>openssl</c> command line, run in a test's folder: the independent peer that judges what Pki/ writes.</summary>
internal static class OpenSsl
{
    public static (int ExitCode, string Output) Run(string folder, params string[] args)
    {
        var info = new ProcessStartInfo("openssl") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("openssl did not start: install Debian's openssl package.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"openssl {string.Join(' ', args)} did not finish within 60 s.");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Runs openssl and fails the test, showing its output, when it exits with an error.</summary>
    public static string Ok(string folder, params string[] args)
    {
        var (exitCode, output) = Run(folder, args);
        Assert.True(exitCode == 0, $"openssl {string.Join(' ', args)} exited with {exitCode}:\n{output}");
        return output;
    }
}
