using CertPortal.Common;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using ARSoft.Tools.Net.Dns.DynamicUpdate;
using CertPortal.Data;
using CertPortal.Features.DnsProviders.Propagation;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// RFC 2136 dynamic updates signed with TSIG (RFC 8945), for BIND, Knot, PowerDNS, Windows DNS with secure updates.
/// </summary>
public sealed class Rfc2136Provider : IDnsProviderType
{
    private const int TtlSeconds = 60;

    public string Type => "rfc2136";

    public string DisplayName => "RFC 2136 dynamic update (BIND, Knot, Windows DNS)";

    public string Description => "TSIG-signed updates sent to the zone's primary name server.";

    public IReadOnlyList<ProviderField> Fields { get; } =
    [
        new("nameserver", "Name server", "The primary that accepts updates, as host:port (port 53 if left out).", Kind: SettingKind.EndpointHost),
        new("zone", "Zone", "The zone to update, e.g. example.com."),
        new("tsigKeyName", "TSIG key name", "As configured on the server, e.g. certportal-key.", Section: FormSection.SignIn),
        new("tsigAlgorithm", "TSIG algorithm", "hmac-sha256 or hmac-sha512.", Section: FormSection.SignIn, Choices: ["hmac-sha256", "hmac-sha512"]),
        new("tsigSecret", "TSIG secret", "The key's secret in base64, as in the server's key statement.", Secret: true, Section: FormSection.SignIn),
    ];

    public Task CreateTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct) =>
        SendAsync(settings, recordName, new AddRecordUpdate(new TxtRecord(DomainName.Parse(recordName), TtlSeconds, value)), "add", ct);

    public Task DeleteTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct) =>
        SendAsync(settings, recordName, new DeleteRecordUpdate(new TxtRecord(DomainName.Parse(recordName), 0, value)), "remove", ct);

    private static async Task SendAsync(DnsProviderSettings settings, string recordName, UpdateBase update, string verb, CancellationToken ct)
    {
        var server = NameServer(settings.Required("nameserver"));
        var zone = DomainName.Parse(settings.Required("zone").TrimEnd('.'));
        if (!DomainName.Parse(recordName).IsEqualOrSubDomainOf(zone))
            throw new DnsProviderException($"{recordName} is not inside the zone {zone}.");

        var message = new DnsUpdateMessage { ZoneName = zone };
        message.Updates.Add(update);
        message.TSigOptions = new TSigRecord(DomainName.Parse(settings.Required("tsigKeyName")), Algorithm(settings.Required("tsigAlgorithm")),
            DateTime.UtcNow, TimeSpan.FromMinutes(5), message.TransactionID, ReturnCode.NoError, null, Secret(settings.Required("tsigSecret")));

        var answer = await server.CreateClient(10_000).SendUpdateAsync(message, ct);
        if (answer is null)
            throw new DnsProviderException($"{server} did not answer the update for {recordName} within 10 s.", new TimeoutException());
        if (answer.ReturnCode != ReturnCode.NoError)
            throw new DnsProviderException($"{server} refused to {verb} the TXT record {recordName}: {Explain(answer)}");
    }

    private static string Explain(DnsUpdateMessage answer) => (answer.ReturnCode, answer.TSigOptions?.Error) switch
    {
        (_, ReturnCode.BadSig) or (ReturnCode.BadSig, _) => "BADSIG — the TSIG secret is wrong.",
        (_, ReturnCode.BadKey) or (ReturnCode.BadKey, _) => "BADKEY — the server does not know this TSIG key name or algorithm.",
        (_, ReturnCode.BadTime) or (ReturnCode.BadTime, _) => "BADTIME — the clocks of the portal and the server differ too much.",
        (ReturnCode.NotAuthoritive, _) => "NOTAUTH — the server is not authoritative for the zone or the key is not allowed to update it.",
        (ReturnCode.NotZone, _) => "NOTZONE — the name is not in the zone.",
        (ReturnCode.Refused, _) => "REFUSED — the server does not allow this key to update the zone.",
        (ReturnCode.ServerFailure, _) => "SERVFAIL — the server failed (is the zone loaded?).",
        var (code, _) => code.ToString().ToUpperInvariant(),
    };

    private static TSigAlgorithm Algorithm(string name) => name.Trim().ToLowerInvariant() switch
    {
        "hmac-sha256" => TSigAlgorithm.Sha256,
        "hmac-sha512" => TSigAlgorithm.Sha512,
        _ => throw new DnsProviderException($"TSIG algorithm '{name}' is not supported; use hmac-sha256 or hmac-sha512."),
    };

    private static byte[] Secret(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new DnsProviderException("The TSIG secret is not base64.");
        }
    }

    private static DnsServerAddress NameServer(string hostPort)
    {
        try
        {
            return DnsServerAddress.Parse(hostPort);
        }
        catch (Exception e) when (e is FormatException or OverflowException or System.Net.Sockets.SocketException or ArgumentException)
        {
            throw new DnsProviderException($"The name server '{hostPort}' is not a reachable host:port.", e);
        }
    }
}
