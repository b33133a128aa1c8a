namespace CertPortal.Features.Settings;

/// <summary>The alert rules as saved in Settings (or their defaults); what other slices read of them.</summary>
public interface IAlertRules
{
    Task<AlertRules> GetAsync(CancellationToken ct);
}
