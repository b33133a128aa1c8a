using System.Security.Cryptography;
using CertPortal.Features.DnsProviders.Propagation;
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

    /// <summary>A zone whose only name server (ns1.unreachable.test, 127.0.0.2) does not answer: a lame delegation.</summary>
    public const string UnreachableZone = "unreachable.test";

    private readonly TempFolder _folder = new("bind");
    private PeerProcess? _named;

    public int Port { get; } = FreePort.Next();

    public string TsigSecret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string NameServer => $"127.0.0.1:{Port}";

    /// <summary>Set before start: zones BIND forwards to another server ("host:port"), e.g. one PowerDNS serves.</summary>
    public Dictionary<string, string> ForwardZones { get; } = [];

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
            ; delegated, but to a name outside the MSP's zone
            _acme-challenge.elsewhere IN CNAME elsewhere.{Zone}.
            """ + "\n");
        await File.WriteAllTextAsync(Path.Combine(dir, $"{DelegationZone}.zone"), $"""
            $TTL 60
            @   IN SOA ns1.{Zone}. hostmaster.{Zone}. 1 60 60 600 60
            @   IN NS  ns1.{Zone}.
            """ + "\n");
        // BIND serves this zone (so its SOA and NS can be found) but names a server at 127.0.0.2, where nothing listens.
        await File.WriteAllTextAsync(Path.Combine(dir, $"{UnreachableZone}.zone"), $"""
            $TTL 60
            @   IN SOA ns1.{UnreachableZone}. hostmaster.{Zone}. 1 60 60 600 60
            @   IN NS  ns1.{UnreachableZone}.
            ns1 IN A   127.0.0.2
            """ + "\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "root.zone"), $"""
            $TTL 60
            @   IN SOA ns1.{Zone}. hostmaster.{Zone}. 1 60 60 600 60
            @   IN NS  ns1.{Zone}.
            ns1.{Zone}. IN A 127.0.0.1
            """ + "\n" + string.Concat(ForwardZones.Keys.Select(Delegation)));
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
            zone "{{UnreachableZone}}" { type primary; file "{{dir}}/{{UnreachableZone}}.zone"; };
            {{string.Concat(ForwardZones.Select(Forward))}}
            """ + "\n");
        _named = PeerProcess.Start("/usr/sbin/named", ["-g", "-c", Path.Combine(dir, "named.conf")]);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_named.Output.Contains("running") && await AnswersRecursiveQuestionsAsync())
                return;
            if (_named.HasExited)
                break;
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"named did not start:\n{_named.Output}");
    }

    // Just after "running", a question with recursion desired can still get SERVFAIL while named finishes starting
    // (seen under load); the bootstrap resolver and Pebble ask that way, so the fixture is ready only once it answers.
    private async Task<bool> AnswersRecursiveQuestionsAsync()
    {
        var answer = await DnsLookup.AskAsync(DnsServerAddress.Parse(NameServer), Zone, ARSoft.Tools.Net.Dns.RecordType.Soa, recursive: true, CancellationToken.None, 1_000);
        return answer?.ReturnCode == ARSoft.Tools.Net.Dns.ReturnCode.NoError;
    }

    /// <summary>The TXT values at <paramref name="name"/>, asked with dig straight from this server.</summary>
    public Task<IReadOnlyList<string>> TxtAsync(string name) => Dig.TxtAsync(Port, name);

    // BIND answers from its own root zone without recursing, so a forwarded zone needs a delegation there; "forward
    // only" then sends every question for it to the forwarder, never to the delegation's (made-up) name server.
    private static string Delegation(string zone) => $"{zone}. IN NS ns1.{zone}.\nns1.{zone}. IN A 127.0.0.1\n";

    private static string Forward(KeyValuePair<string, string> zone)
    {
        var server = DnsServerAddress.Parse(zone.Value);
        return $"zone \"{zone.Key}\" {{ type forward; forward only; forwarders {{ {server.Address} port {server.Port}; }}; }};\n";
    }

    public Task DisposeAsync()
    {
        _named?.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
