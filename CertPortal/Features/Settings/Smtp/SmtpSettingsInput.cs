namespace CertPortal.Features.Settings.Smtp;

/// <summary>
/// What an admin sends for SMTP. The password comes as <c>secrets.password</c> or as <c>password</c>; empty or left
/// out keeps the stored one (write-only), and no username means no password is kept.
/// </summary>
public sealed record SmtpSettingsInput(string? Host, int? Port, string? Security, string? Username, string? From, string? PinnedCertSha256,
    Dictionary<string, string?>? Secrets = null, string? Password = null)
{
    public string? GivenPassword => Secrets?.GetValueOrDefault(SmtpSettings.PasswordSecret) is { Length: > 0 } secret ? secret : Password;
}
