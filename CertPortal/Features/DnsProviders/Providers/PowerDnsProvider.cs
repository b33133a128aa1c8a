using CertPortal.Common;
using CertPortal.Data;
namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// PowerDNS Authoritative through its HTTP API (<c>api=yes</c> in pdns.conf). The API replaces a whole RRset at a
/// time, so a TXT value is added or removed by reading the RRset, changing it and writing all of it back.
/// </summary>
public sealed class PowerDnsProvider(IHttpClientFactory httpClients) : IDnsProviderType
{
    private const int TtlSeconds = 60;

    // Read-modify-write of one RRset: two orders of this portal for the same name (apex and wildcard) must not
    // overwrite each other's value. Writes are rare, so one lock for the whole provider type is enough.
    private readonly SemaphoreSlim _writes = new(1, 1);

    public string Type => "powerdns";

    public string DisplayName => "PowerDNS Authoritative (HTTP API)";

    public string Description => "Writes records through the PowerDNS webserver API.";

    public IReadOnlyList<ProviderField> Fields { get; } =
    [
        new("apiUrl", "API URL", "The webserver of PowerDNS Authoritative, e.g. http://127.0.0.1:8081.", Kind: SettingKind.EndpointUrl),
        new("serverId", "Server id", "Almost always localhost (the default).", Required: false, Section: FormSection.Advanced),
        new("zone", "Zone", "The zone to write into, e.g. example.com. Empty: found by walking up the record's name.", Required: false),
        new("apiKey", "API key", "The api-key of pdns.conf.", Secret: true, Section: FormSection.SignIn),
    ];

    public Task CreateTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct) =>
        ChangeAsync(settings, recordName, records => records.Contains(Quoted(value)) ? records : [.. records, Quoted(value)], ct);

    public Task DeleteTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct) =>
        ChangeAsync(settings, recordName, records => records.Where(r => r != Quoted(value)).ToList(), ct);

    private async Task ChangeAsync(DnsProviderSettings settings, string recordName, Func<IReadOnlyList<string>, IReadOnlyList<string>> change, CancellationToken ct)
    {
        var api = PowerDnsApi.For(httpClients, settings);
        await _writes.WaitAsync(ct);
        try
        {
            var zoneId = await ZoneIdAsync(api, settings, recordName, ct);
            var owner = recordName.TrimEnd('.') + ".";
            var current = (await api.TxtRecordsAsync(zoneId, owner, ct)).ToList();
            var wanted = change(current);
            if (wanted.SequenceEqual(current))
                return;
            await api.ReplaceTxtAsync(zoneId, owner, wanted, TtlSeconds, ct);
        }
        finally
        {
            _writes.Release();
        }
    }

    private static async Task<string> ZoneIdAsync(PowerDnsApi api, DnsProviderSettings settings, string recordName, CancellationToken ct)
    {
        var name = recordName.TrimEnd('.').ToLowerInvariant();
        if (settings.Optional("zone")?.Trim().TrimEnd('.').ToLowerInvariant() is { } zone)
            return name == zone || name.EndsWith("." + zone, StringComparison.Ordinal)
                ? zone + "."
                : throw new DnsProviderException($"{recordName} is not inside the zone {zone}.");
        // No zone configured: the closest enclosing zone PowerDNS serves, as for any DNS delegation.
        for (var candidate = name; candidate.Contains('.'); candidate = candidate[(candidate.IndexOf('.') + 1)..])
            if (await api.FindZoneIdAsync(candidate + ".", ct) is { } id)
                return id;
        throw new DnsProviderException($"PowerDNS at {api.BaseUrl} serves no zone that contains {recordName}.");
    }

    // TXT content in the PowerDNS API is in zone-file form: the quotes are part of it.
    private static string Quoted(string value) => $"\"{value}\"";
}
