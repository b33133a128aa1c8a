using System.Security.Cryptography;
using System.Xml.Linq;
using CertPortal.Features.DnsProviders.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CertPortal.Tests.DnsProviders.Simulators;

/// <summary>
/// Route 53's REST API 2013-04-01 as documented (docs.aws.amazon.com/Route53/latest/APIReference/): SigV4 checked
/// against the known secret (SignatureDoesNotMatch / InvalidClientTokenId), ListHostedZonesByName in Route 53's
/// order with a private twin of example.test, record sets per name, transactional change batches with
/// InvalidChangeBatch, changes PENDING until asked about, and 400 Throttling when switched on.
/// </summary>
public sealed class Route53Simulator : ISimulatedVendor
{
    private static readonly XNamespace Ns = Route53Api.Ns;
    private readonly Dictionary<(string Zone, string Name), int> _ttls = [];
    private readonly HashSet<string> _changes = [];
    private WebApplication _app = default!;

    private Route53Simulator(BindFixture bind)
    {
        Dns = new SimulatedDns(bind);
        // A private zone of the same name, listed first: records written there would never reach BIND.
        Dns.Zones.Insert(0, new SimulatedZone(ZoneId(), BindFixture.Zone, Private: true));
        for (var i = 0; i < Dns.Zones.Count; i++)
            Dns.Zones[i] = Dns.Zones[i] with { Id = ZoneId() };
    }

    public string Type => "route53";

    public string BaseUrl { get; private set; } = "";

    public string AccessKeyId { get; } = "AKIA" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);

    public string SecretAccessKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));

    public SimulatedDns Dns { get; }

    public RateLimitSwitch RateLimit { get; } = new();

    public static async Task<Route53Simulator> StartAsync(BindFixture bind)
    {
        var simulator = new Route53Simulator(bind);
        (simulator._app, simulator.BaseUrl) = await SimulatorHost.StartAsync(simulator.Map);
        return simulator;
    }

    public IDnsProviderType CreateProvider() => new Route53Provider(SimulatorHttp.Factory, TimeProvider.System);

    public Dictionary<string, string?> Settings() => new() { ["endpointUrl"] = BaseUrl, ["accessKeyId"] = AccessKeyId, ["zone"] = BindFixture.Zone };

    public Dictionary<string, string?> Secrets() => new() { ["secretAccessKey"] = SecretAccessKey };

    public (Dictionary<string, string?>, string) WrongSecrets() =>
        // Another secret even when the random one happens to start with the letter replaced.
        (new() { ["secretAccessKey"] = (SecretAccessKey[0] == 'x' ? "y" : "x") + SecretAccessKey[1..] }, "AWS rejected the request signature (SignatureDoesNotMatch)");

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            context.Items["body"] = buffer.ToArray();
            if (SigV4Verifier.Check(context.Request, buffer.ToArray(), AccessKeyId, SecretAccessKey, TimeProvider.System) is { } refused)
                await Error(403, refused, refused == "InvalidClientTokenId" ? "The security token included in the request is invalid."
                    : "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.").ExecuteAsync(context);
            else if (RateLimit.Take())
                await Error(400, "Throttling", "Rate exceeded").ExecuteAsync(context);
            else
                await next(context);
        });
        app.MapGet("/2013-04-01/hostedzonesbyname", (string? dnsname, int? maxitems) =>
        {
            var ordered = Dns.Zones.OrderBy(z => Key(z.Name), StringComparer.Ordinal).ThenByDescending(z => z.Private).ToList();
            var from = ordered.Where(z => dnsname is null || string.CompareOrdinal(Key(z.Name), Key(dnsname)) >= 0).ToList();
            var page = from.Take(maxitems ?? 100).ToList();
            var next = from.Skip(page.Count).FirstOrDefault();
            return Xml(new XElement(Ns + "ListHostedZonesByNameResponse",
                new XElement(Ns + "HostedZones", page.Select(z => new XElement(Ns + "HostedZone",
                    new XElement(Ns + "Id", $"/hostedzone/{z.Id}"), new XElement(Ns + "Name", z.Name + "."), new XElement(Ns + "CallerReference", z.Id),
                    new XElement(Ns + "Config", new XElement(Ns + "PrivateZone", z.Private ? "true" : "false")),
                    new XElement(Ns + "ResourceRecordSetCount", Dns.Records(z).Count + 2)))),
                dnsname is null ? null : new XElement(Ns + "DNSName", dnsname),
                new XElement(Ns + "IsTruncated", next is null ? "false" : "true"),
                next is null ? null : new XElement(Ns + "NextDNSName", next.Name + "."),
                next is null ? null : new XElement(Ns + "NextHostedZoneId", next.Id),
                new XElement(Ns + "MaxItems", maxitems ?? 100)));
        });
        app.MapGet("/2013-04-01/hostedzone/{id}/rrset", (string id, string? name, string? type, int? maxitems) =>
        {
            if (Dns.Zone(id) is not { } zone)
                return Error(404, "NoSuchHostedZone", $"No hosted zone found with ID: {id}");
            var sets = Dns.Records(zone).GroupBy(r => r.Name).OrderBy(g => Key(g.Key), StringComparer.Ordinal)
                .Where(g => name is null || string.CompareOrdinal(Key(g.Key), Key(name)) >= 0).ToList();
            var page = sets.Take(maxitems ?? 300).ToList();
            return Xml(new XElement(Ns + "ListResourceRecordSetsResponse",
                new XElement(Ns + "ResourceRecordSets", page.Select(set => new XElement(Ns + "ResourceRecordSet",
                    new XElement(Ns + "Name", set.Key + "."), new XElement(Ns + "Type", "TXT"), new XElement(Ns + "TTL", _ttls.GetValueOrDefault((zone.Id, set.Key), 300)),
                    new XElement(Ns + "ResourceRecords", set.Select(r => new XElement(Ns + "ResourceRecord", new XElement(Ns + "Value", r.Content))))))),
                new XElement(Ns + "IsTruncated", sets.Count > page.Count ? "true" : "false"),
                sets.Count > page.Count ? new XElement(Ns + "NextRecordName", sets[page.Count].Key + ".") : null,
                sets.Count > page.Count ? new XElement(Ns + "NextRecordType", "TXT") : null,
                new XElement(Ns + "MaxItems", maxitems ?? 300)));
        });
        app.MapPost("/2013-04-01/hostedzone/{id}/rrset", async (string id, HttpContext context) =>
        {
            if (Dns.Zone(id) is not { } zone)
                return Error(404, "NoSuchHostedZone", $"No hosted zone found with ID: {id}");
            var changes = XElement.Load(new MemoryStream((byte[])context.Items["body"]!)).Descendants(Ns + "Change").Select(c => new Route53Change(c)).ToList();
            var problems = changes.Select(c => Problem(zone, c)).OfType<string>().ToList();
            if (problems.Count > 0)
                return Xml(new XElement(Ns + "InvalidChangeBatch", new XElement(Ns + "Messages", problems.Select(p => new XElement(Ns + "Message", p))),
                    new XElement(Ns + "RequestId", Guid.NewGuid())), 400);
            foreach (var change in changes)
            {
                await Dns.ReplaceAsync(zone, change.Name, change.Action == "DELETE" ? [] : change.Values);
                _ttls[(zone.Id, change.Name)] = change.Ttl;
            }
            var changeId = "C" + RandomNumberGenerator.GetHexString(12);
            lock (_changes)
                _changes.Add(changeId);
            return Xml(new XElement(Ns + "ChangeResourceRecordSetsResponse", ChangeInfo(changeId, "PENDING")));
        });
        app.MapGet("/2013-04-01/change/{id}", (string id) =>
        {
            lock (_changes)
                return _changes.Contains(id) ? Xml(new XElement(Ns + "GetChangeResponse", ChangeInfo(id, "INSYNC")))
                    : Error(404, "NoSuchChange", $"A change with the specified change ID does not exist: {id}");
        });
    }

    private string? Problem(SimulatedZone zone, Route53Change change)
    {
        var set = $"[name='{change.Name}.', type='{change.Type}']";
        var current = Dns.Records(zone, change.Name).Select(r => r.Content).ToList();
        if (!SimulatedDns.InZone(change.Name, zone))
            return $"RRSet with DNS name {change.Name}. is not permitted in zone {zone.Name}.";
        if (change.Type != "TXT" || change.Values.Any(v => v.Length < 2 || v[0] != '"' || v[^1] != '"'))
            return $"Invalid Resource Record: FATAL problem: InvalidCharacterString (Value should be enclosed in quotation marks) encountered with '{string.Join(",", change.Values)}'";
        return change.Action switch
        {
            "CREATE" when current.Count > 0 => $"Tried to create resource record set {set} but it already exists",
            "DELETE" when current.Count == 0 => $"Tried to delete resource record set {set} but it was not found",
            "DELETE" when !current.Order().SequenceEqual(change.Values.Order()) || _ttls.GetValueOrDefault((zone.Id, change.Name)) != change.Ttl =>
                $"Tried to delete resource record set {set} but the values provided do not match the current values",
            "CREATE" or "UPSERT" or "DELETE" => null,
            _ => $"Unknown action {change.Action}",
        };
    }

    private static XElement ChangeInfo(string id, string status) => new(Ns + "ChangeInfo",
        new XElement(Ns + "Id", $"/change/{id}"), new XElement(Ns + "Status", status), new XElement(Ns + "SubmittedAt", DateTimeOffset.UtcNow.ToString("O")));

    /// <summary>Route 53 lists names in the order of their labels read from the right.</summary>
    private static string Key(string name) => string.Join('.', SimulatedDns.Normalize(name).Split('.').Reverse());

    private static string ZoneId() => "Z" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 13);

    private static IResult Xml(XElement element, int status = 200) => Results.Content(element.ToString(), "text/xml", statusCode: status);

    private static IResult Error(int status, string code, string message) => Xml(new XElement(Ns + "ErrorResponse",
        new XElement(Ns + "Error", new XElement(Ns + "Type", "Sender"), new XElement(Ns + "Code", code), new XElement(Ns + "Message", message)),
        new XElement(Ns + "RequestId", Guid.NewGuid())), status);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record Route53Change(string Action, string Name, string Type, int Ttl, List<string> Values)
    {
        public Route53Change(XElement change) : this(
            change.Element(Ns + "Action")!.Value,
            SimulatedDns.Normalize(change.Descendants(Ns + "Name").First().Value),
            change.Descendants(Ns + "Type").First().Value,
            int.Parse(change.Descendants(Ns + "TTL").FirstOrDefault()?.Value ?? "300"),
            change.Descendants(Ns + "Value").Select(v => v.Value).ToList())
        {
        }
    }
}
