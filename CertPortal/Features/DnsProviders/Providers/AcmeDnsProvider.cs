using CertPortal.Common;
using CertPortal.Data;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// acme-dns: the customer's DNS has <c>_acme-challenge.&lt;domain&gt; CNAME &lt;fulldomain&gt;</c> once, and every
/// challenge is written to the acme-dns account's subdomain through its API. The propagation check follows the CNAME
/// and waits until acme-dns's own servers answer the value.
/// </summary>
public sealed class AcmeDnsProvider(IHttpClientFactory httpClients, TimeProvider clock) : IDnsProviderType
{
    public const string TypeName = "acme-dns";
    public const string HttpClientName = "acme-dns";

    public string Type => TypeName;

    public string DisplayName => "acme-dns (CNAME to an acme-dns server)";

    public string Description => "Writes to an acme-dns account; the customer's DNS needs one CNAME per name.";

    public IReadOnlyList<ProviderField> Fields { get; } =
    [
        new("serverUrl", "acme-dns server URL", "Where its API listens, e.g. https://auth.acme-dns.io.", Kind: SettingKind.EndpointUrl),
        new("username", "Username", "From /register; left empty, \"Register\" after saving makes a new account.", Required: false, Section: FormSection.SignIn),
        new("password", "Password", "From /register.", Secret: true, Required: false, Section: FormSection.SignIn),
        new("subdomain", "Subdomain", "From /register, e.g. d420c923-bbd7-4056-ab64-c3ca54c9b3cf.", Required: false, Section: FormSection.SignIn),
        new("fulldomain", "Full domain", "From /register; the CNAME of each _acme-challenge name points here.", Required: false, Section: FormSection.SignIn),
    ];

    public AcmeDnsApi Api(DnsProviderSettings settings) =>
        new(httpClients.CreateClient(HttpClientName), settings.Required("serverUrl").TrimEnd('/'), clock);

    public async Task CreateTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct)
    {
        var fulldomain = settings.Optional("fulldomain")?.TrimEnd('.')
            ?? throw new DnsProviderException("This acme-dns provider has no account yet: press Register, or enter an existing account's username, password, subdomain and full domain.");
        if (!string.Equals(recordName.TrimEnd('.'), fulldomain, StringComparison.OrdinalIgnoreCase))
            throw new DnsProviderException($"The challenge record {recordName} is not a CNAME to this acme-dns account: create " +
                                           $"\"{recordName} CNAME {fulldomain}.\" in the customer's DNS (for _acme-challenge of each name).");
        await Api(settings).UpdateAsync(settings.Required("username"), settings.Secrets.GetValueOrDefault("password")
            ?? throw new DnsProviderException("The acme-dns password is missing."), settings.Required("subdomain"), value, ct);
    }

    // acme-dns has no delete: it keeps the two newest values of a subdomain, and a new challenge pushes the oldest
    // out. A value left behind proves nothing to a CA once its authorization is used, so nothing is sent.
    public Task DeleteTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct) => Task.CompletedTask;

    /// <summary>The record the customer creates once per name, e.g. for the dialog.</summary>
    public static string CnameFor(string domain, string fulldomain) => $"_acme-challenge.{domain.TrimStart('*', '.').TrimEnd('.')} CNAME {fulldomain.TrimEnd('.')}.";
}
