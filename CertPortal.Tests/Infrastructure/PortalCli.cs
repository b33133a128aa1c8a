using System.Diagnostics;

namespace CertPortal.Tests.Infrastructure;

/// <summary>
/// Runs the portal's real binary (<c>dotnet CertPortal.dll COMMAND ...</c>) as its own process on a data folder, with
/// stdin closed, as an operator or a container entrypoint would.
/// </summary>
public static class PortalCli
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    /// <summary>The CertPortal.dll built with the same configuration as these tests (bin/Debug or bin/Release).</summary>
    public static string Binary { get; } = FindBinary();

    public static async Task<Run> RunAsync(string dataPath, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataPath,
        };
        info.ArgumentList.Add(Binary);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        // Only what the test says: nothing of the runner's own portal settings leaks in.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("CertPortal", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["CertPortal__DataPath"] = dataPath;
        TestDatabase.AddTo(info.Environment, dataPath);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not exit within 90 s (is it serving instead?). stdout: {await stdout}");
        }
        return new Run(process.ExitCode, await stdout, await stderr);
    }

    public static Task<Run> RunAsync(string dataPath, params string[] args) => RunAsync(dataPath, null, args);

    private static string FindBinary()
    {
        // The tests run from CertPortal.Tests/bin/{Configuration}/{tfm}/; the portal is built beside them.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (testOutput.Name, testOutput.Parent!.Name);
        var binary = Path.Combine(RepositoryRoot.Path, "CertPortal", "bin", configuration, framework, "CertPortal.dll");
        return File.Exists(binary) ? binary : throw new FileNotFoundException($"Build CertPortal ({configuration}) first: {binary} is missing.");
    }
}
