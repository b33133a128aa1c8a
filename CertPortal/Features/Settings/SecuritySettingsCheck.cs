using CertPortal.Common;

namespace CertPortal.Features.Settings;

/// <summary>Validates security settings laid over the stored ones (a field left out keeps its value).</summary>
public static class SecuritySettingsCheck
{
    public const int MinIdleMinutes = 5;
    public const int MaxIdleMinutes = 7 * 24 * 60;

    public static (SecuritySettings Settings, Validation Check) Validate(SecuritySettingsInput input, SecuritySettings stored)
    {
        var check = new Validation();
        var require = input.RequireSecondFactor?.Trim().ToLowerInvariant() ?? stored.RequireSecondFactor;
        if (!SecuritySettings.Choices.Contains(require))
            check.Add("requireSecondFactor", $"'{Shorten(require)}' is not a choice: use {string.Join(", ", SecuritySettings.Choices)}.");
        var idle = input.IdleTimeoutMinutes ?? stored.IdleTimeoutMinutes;
        if (idle is < MinIdleMinutes or > MaxIdleMinutes)
            check.Add("idleTimeoutMinutes", $"The idle timeout must be from {MinIdleMinutes} to {MaxIdleMinutes} minutes (a week).");
        return (new SecuritySettings(require, idle), check);
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";
}
