using CertPortal.Common;
using CertPortal.Features.DnsProviders.Manual;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// For DNS hosted where no API reaches: shows the technician the TXT record to create and waits for "done"; the
/// propagation check then confirms the record is really there before the CA is asked.
/// </summary>
public sealed class ManualProvider(ManualDnsRequests requests, TimeProvider clock) : IDnsProviderType
{
    public string Type => "manual";

    public string DisplayName => "Manual (a person creates the TXT record)";

    public string Description => "Each order shows the record to create and waits for \"done\"; for DNS without an API.";

    public IReadOnlyList<ProviderField> Fields { get; } =
    [
        new("zone", "Zone for the Test record", "Optional; Test asks you to create a record under this zone.", Required: false),
        new("waitHours", "Wait for the technician (hours)", "How long an order waits for \"done\" before it fails. Default 24.", Required: false),
    ];

    public async Task CreateTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct)
    {
        var hours = int.TryParse(settings.Optional("waitHours"), out var h) && h > 0 ? h : 24;
        var (request, done) = requests.Add(settings.ProviderId, settings.OwnerId, recordName, value, clock.GetUtcNow().UtcDateTime);
        try
        {
            await done.WaitAsync(TimeSpan.FromHours(hours), clock, ct);
        }
        catch (TimeoutException)
        {
            throw new DnsProviderException($"Nobody confirmed the TXT record {recordName} within {hours} h.");
        }
        finally
        {
            requests.Forget(request.Id);
        }
    }

    // The portal cannot remove what a person created; the record is harmless once validated and may be deleted by hand.
    public Task DeleteTxtAsync(DnsProviderSettings settings, string recordName, string value, CancellationToken ct) => Task.CompletedTask;
}
