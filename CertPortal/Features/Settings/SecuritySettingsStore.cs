namespace CertPortal.Features.Settings;

/// <summary>Security settings from the settings store; defaults until an admin saves them.</summary>
public sealed class SecuritySettingsStore(SettingsStore store) : ISecuritySettings
{
    public Task<SecuritySettings> GetAsync(CancellationToken ct) => store.GetAsync(SecuritySettings.Key, SecuritySettings.Default, ct);
}
