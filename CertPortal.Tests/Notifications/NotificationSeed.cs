using CertPortal.Data;
using CertPortal.Features.Notifications;
using CertPortal.Features.Settings;
using CertPortal.Features.Settings.Smtp;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Notifications;

/// <summary>Arranges mail settings, alert rules and alerts through the portal's services, and reads the sends back.</summary>
public static class NotificationSeed
{
    public static Task UseSmtpAsync(this PortalFactory portal, SmtpSettings settings, string? password) => portal.InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<SettingsStore>().SaveAsync(SmtpSettings.Key, settings,
            password is null ? [] : new Dictionary<string, string> { [SmtpSettings.PasswordSecret] = password }, CancellationToken.None);
        return true;
    });

    public static Task UseSmtpAsync(this PortalFactory portal, SmtpServer server) => portal.UseSmtpAsync(server.Settings(), server.Password);

    public static Task SetGlobalEmailsAsync(this PortalFactory portal, params string[] emails) => portal.InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<SettingsStore>().SaveAsync(AlertRules.Key, AlertRules.Default with { GlobalEmails = emails }, null, CancellationToken.None);
        return true;
    });

    /// <summary>An expiry alert as detection raises it: "{commonName} expires in {days} days".</summary>
    public static AlertEvent Expiring(this PortalFactory portal, Guid? customerId, string commonName, int days)
    {
        var certificateId = Guid.NewGuid();
        return new AlertEvent(Guid.NewGuid(), AlertKinds.CertificateExpiring, portal.Clock.GetUtcNow().UtcDateTime, customerId, null, "Certificate", certificateId,
            $"{commonName} expires in {days} days", $"The certificate for {commonName} expires in {days} days and has not been renewed.",
            $"http://portal.test/certificates/{certificateId}");
    }

    public static Task<int> RaiseAsync(this PortalFactory portal, AlertEvent alert) =>
        portal.InScopeAsync(sp => sp.GetRequiredService<IAlerts>().RaiseAsync(alert, CancellationToken.None));

    /// <summary>Sends what is due now (after any pass already under way) and answers how many this pass tried.</summary>
    public static Task<int> SendDueAsync(this PortalFactory portal) => portal.Service<NotificationSender>().SendDueAsync(CancellationToken.None);

    /// <summary>Moves the clock through every retry of the alert's sends (1 min, 5 min, 30 min, 2 h) with a pass after each wait.</summary>
    public static async Task FailForGoodAsync(this PortalFactory portal, Guid alertId)
    {
        await portal.SendDueAsync();
        foreach (var wait in new[] { TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2) })
        {
            portal.Clock.Advance(wait);
            await portal.SendDueAsync();
        }
        var open = (await portal.SendsOfAsync(alertId)).Where(s => s.Outcome != NotificationOutcomes.Failed).Select(s => $"{s.To}: {s.Outcome}").ToList();
        if (open.Count > 0)
            throw new InvalidOperationException($"Not every send failed: {string.Join(", ", open)}");
    }

    /// <summary>The sends of one alert, by recipient.</summary>
    public static async Task<List<Notification>> SendsOfAsync(this PortalFactory portal, Guid alertId)
    {
        await using var db = await portal.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Set<Notification>().AsNoTracking().Where(n => n.AlertId == alertId).OrderBy(n => n.To).ToListAsync();
    }

    /// <summary>Everything the portal wrote to its log files so far.</summary>
    public static async Task<string> LogTextAsync(this PortalFactory portal)
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(Path.Combine(portal.DataPath, "logs"), "*", SearchOption.AllDirectories))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            text.Append(await new StreamReader(stream).ReadToEndAsync());
        }
        return text.ToString();
    }
}
