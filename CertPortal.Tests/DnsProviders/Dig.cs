using System.Diagnostics;

namespace CertPortal.Tests.DnsProviders;

/// <summary>Asks a test's name server with dig (bind9-dnsutils), a client that is not ours.</summary>
public static class Dig
{
    /// <summary>The TXT values at <paramref name="name"/> on 127.0.0.1:<paramref name="port"/>, quotes removed.</summary>
    public static async Task<IReadOnlyList<string>> TxtAsync(int port, string name)
    {
        var info = new ProcessStartInfo("dig", ["@127.0.0.1", "-p", port.ToString(), "+short", "TXT", name]) { RedirectStandardOutput = true };
        using var dig = Process.Start(info)!;
        var output = await dig.StandardOutput.ReadToEndAsync();
        await dig.WaitForExitAsync();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.Trim('"')).ToList();
    }
}
