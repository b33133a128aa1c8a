using System.Text.Json.Serialization;

namespace CertPortal.Features.Settings.Smtp;

/// <summary>The SMTP settings as the API and page show them: the password only as <c>secrets.password: "set"</c>.</summary>
public sealed record SmtpSettingsView(string Host, int Port, string Security, string? Username, string From, string? PinnedCertSha256,
    IReadOnlyDictionary<string, string> Secrets)
{
    [JsonIgnore]
    public bool PasswordSet => Secrets.ContainsKey(SmtpSettings.PasswordSecret);
}
