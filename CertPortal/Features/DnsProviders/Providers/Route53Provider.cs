using CertPortal.Common;
using System.Xml.Linq;
using CertPortal.Data;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// Amazon Route 53 with an IAM access key, requests signed with SigV4 in the project. Route 53 keeps all TXT values
/// of a name in one record set, so a value is added or removed by rewriting the set
/// (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html).
/// </summary>
public sealed class Route53Provider(IHttpClientFactory httpFactory, TimeProvider clock) : IDnsProviderType
{
    public const string HttpClientName = "route53";
    private const int TtlSeconds = 60;

    // Route 53 has no ETag on record sets: two orders of this portal rewriting the same set would lose a value.
    private readonly SemaphoreSlim _rewrite = new(1, 1);

    public string Type => "route53";

    public string DisplayName => "Amazon Route 53";

    public string Description => "Changes record sets through the Route 53 API with an IAM access key.";

    public IReadOnlyList<ProviderField> Fields { get; } =
    [
        new("accessKeyId", "Access key ID", "An IAM user's access key, e.g. AKIA..., allowed to change the hosted zone.", Section: FormSection.SignIn),
        new("secretAccessKey", "Secret access key", "The secret shown once when the access key was created.", Secret: true, Section: FormSection.SignIn),
        new("hostedZoneId", "Hosted zone ID", "e.g. Z0123456789ABC; leave empty to find the zone by name.", Required: false),
        new("zone", "Zone for the Test record", "A zone of this account, e.g. example.com; Test writes a record there.", Required: false),
        new("region", "Region", "The signing region; leave empty for us-east-1.", Required: false, Section: FormSection.Advanced),
        new("endpointUrl", "Endpoint URL", $"Leave empty for {Route53Api.DefaultEndpointUrl}.", Required: false, Kind: SettingKind.EndpointUrl, Section: FormSection.Advanced),
    ];

    public Task CreateTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct) =>
        RewriteAsync(settings, recordName, TxtSetEdit.Adding(value), ct);

    public Task DeleteTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct) =>
        RewriteAsync(settings, recordName, TxtSetEdit.Removing(value), ct);

    /// <param name="edit">The values the set should hold given those it holds; null when nothing is to change.</param>
    private async Task RewriteAsync(DnsProviderSettings settings, string recordName, Func<IReadOnlyList<string>, IReadOnlyList<string>?> edit, CancellationToken ct)
    {
        var api = new Route53Api(httpFactory.CreateClient(HttpClientName), settings, clock);
        var zoneId = settings.Optional("hostedZoneId")?.Split('/').Last() ?? await FindHostedZoneAsync(api, recordName, ct);
        XElement submitted;
        await _rewrite.WaitAsync(ct);
        try
        {
            var (ttl, current) = await ReadSetAsync(api, zoneId, recordName, ct);
            if (edit(current) is not { } wanted)
                return;
            // DELETE must repeat the set exactly as it is; UPSERT replaces it whole.
            var change = wanted.Count == 0 ? Change("DELETE", recordName, ttl, current) : Change("UPSERT", recordName, TtlSeconds, wanted);
            submitted = await api.SendAsync(HttpMethod.Post, $"hostedzone/{zoneId}/rrset", change, $"change the TXT records at {recordName}", ct);
        }
        finally
        {
            _rewrite.Release();
        }
        await api.WaitInSyncAsync(submitted, ct);
    }

    private static async Task<(int Ttl, IReadOnlyList<string> Values)> ReadSetAsync(Route53Api api, string zoneId, string recordName, CancellationToken ct)
    {
        var answer = await api.SendAsync(HttpMethod.Get, $"hostedzone/{zoneId}/rrset?name={Uri.EscapeDataString(recordName + ".")}&type=TXT&maxitems=1",
            null, $"read the TXT records at {recordName}", ct);
        // The list starts at the name asked for, or at the next one when the name has no TXT set.
        var set = answer.Descendants(Route53Api.Ns + "ResourceRecordSet").FirstOrDefault();
        if (set is null || !SameName(set.Element(Route53Api.Ns + "Name")?.Value, recordName) || set.Element(Route53Api.Ns + "Type")?.Value != "TXT")
            return (TtlSeconds, []);
        var ttl = int.TryParse(set.Element(Route53Api.Ns + "TTL")?.Value, out var t) ? t : TtlSeconds;
        return (ttl, set.Descendants(Route53Api.Ns + "Value").Select(v => TxtQuoting.Unquote(v.Value)).ToList());
    }

    /// <summary>The closest public hosted zone holding the name (ListHostedZonesByName, one call per candidate).</summary>
    private static async Task<string> FindHostedZoneAsync(Route53Api api, string recordName, CancellationToken ct)
    {
        foreach (var candidate in ZoneCandidates.For(recordName))
        {
            var answer = await api.SendAsync(HttpMethod.Get, $"hostedzonesbyname?dnsname={Uri.EscapeDataString(candidate)}&maxitems=100", null, "list hosted zones", ct);
            var zone = answer.Descendants(Route53Api.Ns + "HostedZone").FirstOrDefault(z =>
                SameName(z.Element(Route53Api.Ns + "Name")?.Value, candidate) && Route53Api.Value(z, "PrivateZone") != "true");
            if (zone is not null)
                return zone.Element(Route53Api.Ns + "Id")!.Value.Split('/').Last();
        }
        throw new DnsProviderException($"Route 53 has no public hosted zone holding {recordName} in this account; set the hosted zone ID if it is there.");
    }

    private static bool SameName(string? route53Name, string name) =>
        string.Equals(route53Name?.TrimEnd('.'), name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

    private static XElement Change(string action, string recordName, int ttl, IEnumerable<string> values)
    {
        XNamespace ns = Route53Api.Ns;
        return new XElement(ns + "ChangeResourceRecordSetsRequest",
            new XElement(ns + "ChangeBatch",
                new XElement(ns + "Comment", "CertPortal DNS-01"),
                new XElement(ns + "Changes",
                    new XElement(ns + "Change",
                        new XElement(ns + "Action", action),
                        new XElement(ns + "ResourceRecordSet",
                            new XElement(ns + "Name", recordName + "."),
                            new XElement(ns + "Type", "TXT"),
                            new XElement(ns + "TTL", ttl),
                            new XElement(ns + "ResourceRecords", values.Select(v => new XElement(ns + "ResourceRecord", new XElement(ns + "Value", TxtQuoting.Quote(v))))))))));
    }
}
