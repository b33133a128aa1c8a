namespace CertPortal.Features.Settings;

/// <summary>What an admin sends for the security settings; a field left out keeps its stored value.</summary>
public sealed record SecuritySettingsInput(string? RequireSecondFactor, int? IdleTimeoutMinutes);
