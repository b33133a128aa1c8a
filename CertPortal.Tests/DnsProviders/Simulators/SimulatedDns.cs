using CertPortal.Features.DnsProviders.Providers;

namespace CertPortal.Tests.DnsProviders.Simulators;

/// <summary>
/// The zones and TXT records a vendor simulator holds. Every record of a public zone is also published into the test
/// BIND by an RFC 2136 update with the fixture's TSIG key, so Pebble, validating through BIND, sees what the vendor holds.
/// </summary>
public sealed class SimulatedDns(BindFixture bind)
{
    private readonly Rfc2136Provider _bind = new();
    private readonly List<SimulatedTxt> _records = [];

    /// <summary>BIND's two zones, public, plus whatever a simulator adds (e.g. a private twin).</summary>
    public List<SimulatedZone> Zones { get; } =
    [
        new(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), BindFixture.Zone, false),
        new(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), BindFixture.DelegationZone, false),
    ];

    public SimulatedZone? Zone(string id) => Zones.FirstOrDefault(z => z.Id == id);

    public static bool InZone(string name, SimulatedZone zone) =>
        ZoneCandidates.Relative(name, zone.Name) is not null;

    public IReadOnlyList<SimulatedTxt> Records(SimulatedZone zone, string? name = null)
    {
        lock (_records)
            return _records.Where(r => r.ZoneId == zone.Id && (name is null || r.Name == Normalize(name))).ToList();
    }

    /// <summary>Stores <paramref name="content"/> as the vendor would; BIND gets the value without zone-file quotes.</summary>
    public async Task<SimulatedTxt> AddAsync(SimulatedZone zone, string name, string content)
    {
        var record = new SimulatedTxt(Guid.NewGuid().ToString("N"), zone.Id, Normalize(name), content);
        lock (_records)
            _records.Add(record);
        if (!zone.Private)
            await _bind.CreateTxtAsync(BindSettings(zone), record.Name, TxtQuoting.Unquote(content), CancellationToken.None);
        return record;
    }

    public async Task RemoveAsync(SimulatedZone zone, SimulatedTxt record)
    {
        lock (_records)
            _records.Remove(record);
        if (!zone.Private)
            await _bind.DeleteTxtAsync(BindSettings(zone), record.Name, TxtQuoting.Unquote(record.Content), CancellationToken.None);
    }

    /// <summary>Makes the TXT set at <paramref name="name"/> hold exactly these contents (Route 53 UPSERT, Azure PUT).</summary>
    public async Task ReplaceAsync(SimulatedZone zone, string name, IReadOnlyCollection<string> contents)
    {
        var current = Records(zone, name);
        foreach (var gone in current.Where(r => !contents.Contains(r.Content)))
            await RemoveAsync(zone, gone);
        foreach (var content in contents.Where(c => current.All(r => r.Content != c)))
            await AddAsync(zone, name, content);
    }

    public static string Normalize(string name) => name.TrimEnd('.').ToLowerInvariant();

    private DnsProviderSettings BindSettings(SimulatedZone zone) =>
        new(bind.Rfc2136Settings(zone.Name), new Dictionary<string, string?> { ["tsigSecret"] = bind.TsigSecret });
}

public sealed record SimulatedZone(string Id, string Name, bool Private);

public sealed record SimulatedTxt(string Id, string ZoneId, string Name, string Content);
