namespace CertPortal.Features.Settings;

/// <summary>The security settings as saved in Settings (or their defaults); what the Users slice reads of them.</summary>
public interface ISecuritySettings
{
    Task<SecuritySettings> GetAsync(CancellationToken ct);
}
