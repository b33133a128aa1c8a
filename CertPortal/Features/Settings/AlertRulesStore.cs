namespace CertPortal.Features.Settings;

/// <summary>Alert rules from the settings store; defaults until an admin saves them.</summary>
public sealed class AlertRulesStore(SettingsStore store) : IAlertRules
{
    public Task<AlertRules> GetAsync(CancellationToken ct) => store.GetAsync(AlertRules.Key, AlertRules.Default, ct);
}
