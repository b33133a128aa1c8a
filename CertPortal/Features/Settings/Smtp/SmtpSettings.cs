namespace CertPortal.Features.Settings.Smtp;

/// <summary>
/// The "smtp" settings group: where mail goes out. <see cref="Security"/> is "none", "starttls" or "tls" (TLS from
/// the first byte); <see cref="PinnedCertSha256"/>, when set, trusts exactly that server certificate instead of the
/// system's CAs (labs with a self-made certificate). The password is a sealed secret beside it, never in here.
/// </summary>
public sealed record SmtpSettings(string Host, int Port, string Security, string? Username, string From, string? PinnedCertSha256)
{
    public const string Key = "smtp";

    public const string PasswordSecret = "password";

    public static readonly IReadOnlyList<string> SecurityModes = ["none", "starttls", "tls"];

    /// <summary>What a portal that was never given a server reads: nothing to send through.</summary>
    public static readonly SmtpSettings None = new("", 587, "starttls", null, "", null);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}
