using System.Diagnostics;
using System.Security.Cryptography;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.DnsProviders;

/// <summary>
/// Debian's BIND (`named -g`) on a loopback port with a configuration of our own: zones <c>example.test</c> and
/// <c>challenges.test</c> accepting TSIG-signed dynamic updates (RFC 2136) from one hmac-sha256 key, a local root zone,
/// and recursion for loopback so Pebble's validation follows CNAME delegations.
/// </summary>
public sealed class BindFixture : IAsyncLifetime
{
    public const string Zone = "example.test";

    /// <summary>A second zone the MSP controls, where CNAME-delegated challenge records land.</summary>
    public const string DelegationZone = "challenges.test";
    public const string KeyName = "certportal-test";

    private readonly TempFolder _folder = new("bind");
    private PeerProcess? _named;

    public int Port { get; } = FreePort.Next();

    public string TsigSecret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string NameServer => $"127.0.0.1:{Port}";

    public Dictionary<string, string?> Rfc2136Settings(string zone = Zone) => new()
    {
        ["nameserver"] = NameServer,
        ["zone"] = zone,
        ["tsigKeyName"] = KeyName,
        ["tsigAlgorithm"] = "hmac-sha256",
    };

    public async Task InitializeAsync()
    {
        var dir = _folder.Path;
        await File.WriteAllTextAsync(Path.Combine(dir, $"{Zone}.zone"), $"""
            $TTL 60
            @   IN SOA ns1.{Zone}. hostmaster.{Zone}. 1 60 60 600 60
            @   IN NS  ns1.{Zone}.
            ns1 IN A   127.0.0.1
            ; _acme-challenge delegated by CNAME to the MSP's zone, once directly and once through a chain
            _acme-challenge.delegated IN CNAME delegated.{DelegationZone}.
            _acme-challenge.chained   IN CNAME hop.{Zone}.
            hop                       IN CNAME chained.{DelegationZone}.
            """ + "\n");
        await File.WriteAllTextAsync(Path.Combine(dir, $"{DelegationZone}.zone"), $"""
            $TTL 60
            @   IN SOA ns1.{Zone}. hostmaster.{Zone}. 1 60 60 600 60
            @   IN NS  ns1.{Zone}.
            """ + "\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "root.zone"), $"""
            $TTL 60
            @   IN SOA ns1.{Zone}. hostmaster.{Zone}. 1 60 60 600 60
            @   IN NS  ns1.{Zone}.
            ns1.{Zone}. IN A 127.0.0.1
            """ + "\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "named.conf"), $$"""
            options {
                directory "{{dir}}";
                pid-file "{{dir}}/named.pid";
                session-keyfile "{{dir}}/session.key";
                listen-on port {{Port}} { 127.0.0.1; };
                listen-on-v6 { none; };
                // Recursion (for loopback only) makes BIND follow CNAME chains across its zones, as a CA's resolver
                // does; the local root zone below keeps every lookup on this machine.
                recursion yes;
                allow-recursion { 127.0.0.1; };
                allow-query { any; };
                dnssec-validation no;
            };
            controls { };
            zone "." { type primary; file "{{dir}}/root.zone"; };
            key "{{KeyName}}" { algorithm hmac-sha256; secret "{{TsigSecret}}"; };
            zone "{{Zone}}" { type primary; file "{{dir}}/{{Zone}}.zone"; allow-update { key "{{KeyName}}"; }; };
            zone "{{DelegationZone}}" { type primary; file "{{dir}}/{{DelegationZone}}.zone"; allow-update { key "{{KeyName}}"; }; };
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
