using CertPortal.Common;

namespace CertPortal.Features.Settings.Smtp;

/// <summary>Validates an SMTP input into the settings to store, with field errors named as the API's fields.</summary>
public static class SmtpSettingsCheck
{
    public const int MaxHostLength = 253;
    public const int MaxUsernameLength = 256;

    public static (SmtpSettings Settings, Validation Check) Validate(SmtpSettingsInput input)
    {
        var host = input.Host?.Trim() ?? "";
        var security = input.Security?.Trim().ToLowerInvariant() ?? "";
        var username = string.IsNullOrWhiteSpace(input.Username) ? null : input.Username.Trim();
        var from = input.From?.Trim() ?? "";
        var pinned = string.IsNullOrWhiteSpace(input.PinnedCertSha256) ? null : input.PinnedCertSha256.Replace(":", "").Trim().ToLowerInvariant();

        var check = new Validation().Require("host", host, "Host", MaxHostLength).MaxLength("username", username, "Username", MaxUsernameLength);
        if (host.Any(char.IsWhiteSpace))
            check.Add("host", "Host must be a name or address without spaces.");
        if (input.Port is null)
            check.Add("port", "Port is required.");
        else if (input.Port is < 1 or > 65535)
            check.Add("port", "Port must be between 1 and 65535.");
        if (!SmtpSettings.SecurityModes.Contains(security))
            check.Add("security", $"Security must be one of {string.Join(", ", SmtpSettings.SecurityModes)}.");
        if (from.Length == 0)
            check.Add("from", "From is required.");
        else if (!Validation.IsEmailAddress(from))
            check.Add("from", $"'{Shorten(from)}' is not a valid email address.");
        if (pinned is not null && (pinned.Length != 64 || !pinned.All(Uri.IsHexDigit)))
            check.Add("pinnedCertSha256", "The pinned certificate SHA-256 must be 64 hex characters.");
        return (new SmtpSettings(host, input.Port ?? 0, security, username, from, pinned), check);
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
