using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Settings.Smtp;

namespace CertPortal.Features.Settings;

/// <summary>
/// Portal-wide settings' use cases (SMTP, test mail, alert rules, security); the Settings page and /api/v1/settings both call
/// these. Every save and test is audited, refusals too, and no summary ever holds the SMTP password.
/// </summary>
public sealed class SettingsService(SettingsStore store, IMailSender mailer, AuditLog audit)
{
    public const string TestMailSubject = "CertPortal test mail";
    private const string EntityType = "Settings";

    public async Task<SmtpSettingsView> GetSmtpAsync(CancellationToken ct = default)
    {
        var settings = await store.GetAsync(SmtpSettings.Key, SmtpSettings.None, ct);
        return View(settings, await store.SecretsAsync(SmtpSettings.Key, ct));
    }

    public async Task<Result<SmtpSettingsView>> SaveSmtpAsync(SmtpSettingsInput input, CancellationToken ct = default)
    {
        var (settings, check) = SmtpSettingsCheck.Validate(input);
        var stored = await store.SecretsAsync(SmtpSettings.Key, ct);
        var given = input.GivenPassword;
        if (settings.Username is not null && string.IsNullOrEmpty(given) && !stored.ContainsKey(SmtpSettings.PasswordSecret))
            check.Add("secrets.password", "Password is required when a username is set.");
        if (!check.IsValid)
            return await RefusedAsync(check.ToResult<SmtpSettingsView>(), "settings.smtp.update", SmtpSettings.Key, ct);

        // Write-only: an empty password keeps the stored one; without a username there is nothing to log in with.
        var secrets = settings.Username is null ? [] : SealedSettings.Merge(stored, new Dictionary<string, string?> { [SmtpSettings.PasswordSecret] = given });
        await store.SaveAsync(SmtpSettings.Key, settings, secrets, ct);
        var password = settings.Username is null
            ? stored.ContainsKey(SmtpSettings.PasswordSecret) ? "password removed" : "no login"
            : string.IsNullOrEmpty(given) ? "password kept" : "password changed";
        await audit.RecordAsync("settings.smtp.update", EntityType, SmtpSettings.Key,
            $"Saved SMTP: {settings.Host}:{settings.Port} ({settings.Security}), from {settings.From}, " +
            $"{(settings.Username is null ? "" : $"user {settings.Username}, ")}{password}" +
            $"{(settings.PinnedCertSha256 is null ? ", system trust" : $", pinned certificate {settings.PinnedCertSha256[..16]}…")}.", ct: ct);
        return Result<SmtpSettingsView>.Ok(View(settings, secrets));
    }

    /// <summary>Sends "CertPortal test mail" through the saved settings; the answer is the server's own (or why it failed).</summary>
    public async Task<Result<MailSendResult>> SendTestMailAsync(TestMailInput input, CancellationToken ct = default)
    {
        var to = input.To?.Trim() ?? "";
        if (!Validation.IsEmailAddress(to))
            return await RefusedAsync(Result<MailSendResult>.Invalid("to",
                to.Length == 0 ? "A recipient is required." : $"'{(to.Length <= 60 ? to : to[..57] + "...")}' is not a valid email address."),
                "settings.smtp.test", SmtpSettings.Key, ct);

        var sent = await mailer.SendAsync(new MailContent([to], TestMailSubject,
            "This is a test mail from CertPortal. If you can read it, the portal's SMTP settings work and alerts can reach you."), ct);
        await audit.RecordAsync("settings.smtp.test", EntityType, SmtpSettings.Key,
            $"Test mail to {to}: {(sent.Ok ? "sent" : "not sent")}: {sent.Message}", sent.Ok ? AuditOutcome.Success : AuditOutcome.Failure, ct: ct);
        return Result<MailSendResult>.Ok(sent);
    }

    public Task<AlertRules> GetAlertsAsync(CancellationToken ct = default) => store.GetAsync(AlertRules.Key, AlertRules.Default, ct);

    public async Task<Result<AlertRules>> SaveAlertsAsync(AlertRulesInput input, CancellationToken ct = default)
    {
        var (rules, check) = AlertRulesCheck.Validate(input, await GetAlertsAsync(ct));
        if (!check.IsValid)
            return await RefusedAsync(check.ToResult<AlertRules>(), "settings.alerts.update", AlertRules.Key, ct);

        await store.SaveAsync(AlertRules.Key, rules, null, ct);
        await audit.RecordAsync("settings.alerts.update", EntityType, AlertRules.Key,
            $"Saved alert rules: thresholds {string.Join("/", rules.ExpiryThresholdDays)} days, {rules.GlobalEmails.Count} global recipient(s), " +
            $"daily digest {(rules.DailyDigest ? $"on at {rules.DigestHourUtc:00}:00 UTC" : "off")}, waiting alert after {rules.WaitingHours} h.", ct: ct);
        return Result<AlertRules>.Ok(rules);
    }

    public Task<SecuritySettings> GetSecurityAsync(CancellationToken ct = default) => store.GetAsync(SecuritySettings.Key, SecuritySettings.Default, ct);

    public async Task<Result<SecuritySettings>> SaveSecurityAsync(SecuritySettingsInput input, CancellationToken ct = default)
    {
        var stored = await GetSecurityAsync(ct);
        var (settings, check) = SecuritySettingsCheck.Validate(input, stored);
        if (!check.IsValid)
            return await RefusedAsync(check.ToResult<SecuritySettings>(), "settings.security.update", SecuritySettings.Key, ct);

        await store.SaveAsync(SecuritySettings.Key, settings, null, ct);
        await audit.RecordAsync("settings.security.update", EntityType, SecuritySettings.Key,
            $"Saved security: second factor required for {settings.RequireSecondFactor} (was {stored.RequireSecondFactor}), " +
            $"idle timeout {settings.IdleTimeoutMinutes} min (was {stored.IdleTimeoutMinutes}).", ct: ct);
        return Result<SecuritySettings>.Ok(settings);
    }

    private static SmtpSettingsView View(SmtpSettings settings, IReadOnlyDictionary<string, string> secrets) =>
        new(settings.Host, settings.Port, settings.Security, settings.Username, settings.From, settings.PinnedCertSha256,
            secrets.Keys.ToDictionary(k => k, _ => "set"));

    private async Task<Result<T>> RefusedAsync<T>(Result<T> result, string action, string key, CancellationToken ct)
    {
        await audit.RecordAsync(action, EntityType, key, $"Refused: {result.Message}", AuditOutcome.Failure, ct: ct);
        return result;
    }
}
