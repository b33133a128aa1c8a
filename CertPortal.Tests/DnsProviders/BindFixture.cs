using System.Diagnostics;
using System.Security.Cryptography;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.DnsProviders;

/// <summary>
/// Debian's BIND (`named -g`) on a loopback port with a configuration of our own: zone <c>example.test</c> accepting
/// TSIG-signed dynamic updates (RFC 2136) from one hmac-sha256 key.
/// </summary>
public sealed class BindFixture : IAsyncLifetime
{
    public const string Zone = "example.test";
    public const string KeyName = "certportal-test";

    private readonly TempFolder _folder = new("bind");
    private PeerProcess? _named;

    public int Port { get; } = FreePort.Next();

    public string TsigSecret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string NameServer => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        var dir = _folder.Path;
        await File.WriteAllTextAsync(Path.Combine(dir, $"{Zone}.zone"), $"""
            $TTL 60
            @   IN SOA ns1.{Zone}. hostmaster.{Zone}. 1 60 60 600 60
            @   IN NS  ns1.{Zone}.
            ns1 IN A   127.0.0.1
            """ + "\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "named.conf"), $$"""
            options {
                directory "{{dir}}";
                pid-file "{{dir}}/named.pid";
                session-keyfile "{{dir}}/session.key";
                listen-on port {{Port}} { 127.0.0.1; };
                listen-on-v6 { none; };
                recursion no;
                allow-query { any; };
                dnssec-validation no;
            };
            controls { };
            key "{{KeyName}}" { algorithm hmac-sha256; secret "{{TsigSecret}}"; };
            zone "{{Zone}}" { type primary; file "{{dir}}/{{Zone}}.zone"; allow-update { key "{{KeyName}}"; }; };
            """ + "\n");
        _named = PeerProcess.Start("/usr/sbin/named", ["-g", "-c", Path.Combine(dir, "named.conf")]);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_named.Output.Contains("running"))
                return;
            if (_named.HasExited)
                break;
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"named did not start:\n{_named.Output}");
    }

    /// <summary>The TXT values at <paramref name="name"/>, asked with dig (bind9-dnsutils) straight from this server.</summary>
    public async Task<IReadOnlyList<string>> TxtAsync(string name)
    {
        var info = new ProcessStartInfo("dig", ["@127.0.0.1", "-p", Port.ToString(), "+short", "TXT", name]) { RedirectStandardOutput = true };
        using var dig = Process.Start(info)!;
        var output = await dig.StandardOutput.ReadToEndAsync();
        await dig.WaitForExitAsync();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.Trim('"')).ToList();
    }

    public Task DisposeAsync()
    {
        _named?.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
