using CertPortal.Common;
using CertPortal.Data;
namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// Azure DNS through Azure Resource Manager with an app registration (client secret) holding DNS Zone Contributor.
/// A name's TXT values live in one record set, rewritten with ETags so parallel writers do not lose values
/// (https://learn.microsoft.com/en-us/rest/api/dns/record-sets/create-or-update, .../record-sets/delete).
/// </summary>
public sealed class AzureDnsProvider(IHttpClientFactory httpFactory, TimeProvider clock) : IDnsProviderType
{
    public const string HttpClientName = "azure-dns";
    public const string DefaultAuthorityUrl = "https://login.microsoftonline.com";
    public const string DefaultManagementUrl = "https://management.azure.com";
    private const string ApiVersion = "2018-05-01";
    private const int TtlSeconds = 60;
    private const int Rewrites = 4;

    private readonly EntraTokenSource _tokens = new(httpFactory.CreateClient(HttpClientName), clock);

    public string Type => "azure";

    public string DisplayName => "Microsoft Azure DNS";

    public string Description => "Writes records through Azure Resource Manager with an app registration.";

    public IReadOnlyList<ProviderField> Fields { get; } =
    [
        new("tenantId", "Tenant ID", "The directory (tenant) ID of the app registration.", Section: FormSection.SignIn),
        new("clientId", "Client ID", "The application (client) ID; give it DNS Zone Contributor on the zone.", Section: FormSection.SignIn),
        new("clientSecret", "Client secret", "The value of one of the app registration's client secrets.", Secret: true, Section: FormSection.SignIn),
        new("subscriptionId", "Subscription ID", "The subscription holding the DNS zone."),
        new("resourceGroup", "Resource group", "The resource group holding the DNS zone."),
        new("zone", "Zone", "The Azure DNS zone, e.g. example.com."),
        new("authorityUrl", "Authority URL", $"Leave empty for {DefaultAuthorityUrl}.", Required: false, Kind: SettingKind.EndpointUrl, Section: FormSection.Advanced),
        new("managementUrl", "Management URL", $"Leave empty for {DefaultManagementUrl}.", Required: false, Kind: SettingKind.EndpointUrl, Section: FormSection.Advanced),
    ];

    public Task CreateTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct) =>
        RewriteAsync(settings, recordName, TxtSetEdit.Adding(value), ct);

    public Task DeleteTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct) =>
        RewriteAsync(settings, recordName, TxtSetEdit.Removing(value), ct);

    private async Task RewriteAsync(DnsProviderSettings settings, string recordName, Func<IReadOnlyList<string>, IReadOnlyList<string>?> edit, CancellationToken ct)
    {
        var zone = settings.Required("zone").TrimEnd('.');
        var relative = ZoneCandidates.Relative(recordName, zone) ?? throw new DnsProviderException($"{recordName} is not inside the Azure DNS zone {zone}.");
        var api = new AzureDnsApi(httpFactory.CreateClient(HttpClientName), clock, await TokenAsync(settings, ct),
            RecordSetUrl(settings, zone, relative), recordName, settings.Required("clientId"));
        for (var attempt = 1; attempt <= Rewrites; attempt++)
        {
            var (etag, current) = await api.ReadAsync(ct);
            if (edit(current) is not { } wanted || await api.WriteAsync(wanted, TtlSeconds, etag, ct))
                return;
        }
        throw new DnsProviderException($"The TXT record set {recordName} kept changing under the portal ({Rewrites} attempts); try again.");
    }

    private Task<string> TokenAsync(DnsProviderSettings settings, CancellationToken ct)
    {
        var management = (settings.Optional("managementUrl") ?? DefaultManagementUrl).TrimEnd('/');
        return _tokens.TokenAsync(settings.Optional("authorityUrl") ?? DefaultAuthorityUrl, settings.Required("tenantId"), settings.Required("clientId"),
            settings.Required("clientSecret"), $"{management}/.default", ct);
    }

    private static string RecordSetUrl(DnsProviderSettings settings, string zone, string relative) =>
        $"{(settings.Optional("managementUrl") ?? DefaultManagementUrl).TrimEnd('/')}/subscriptions/{Uri.EscapeDataString(settings.Required("subscriptionId"))}" +
        $"/resourceGroups/{Uri.EscapeDataString(settings.Required("resourceGroup"))}/providers/Microsoft.Network/dnsZones/{Uri.EscapeDataString(zone)}" +
        $"/TXT/{Uri.EscapeDataString(relative)}?api-version={ApiVersion}";
}
