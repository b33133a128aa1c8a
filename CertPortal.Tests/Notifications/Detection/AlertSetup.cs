using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using CertPortal.Data;
using CertPortal.Features.Certificates;
using CertPortal.Features.Notifications;
using CertPortal.Features.Notifications.Detection;
using CertPortal.Features.Settings;
using CertPortal.Features.Settings.Smtp;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Notifications.Detection;

/// <summary>What alert tests arrange through the portal's services: where mail goes, the alert rules, expiring imports, the scan.</summary>
public static class AlertSetup
{
    public static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    /// <summary>Mail goes to <paramref name="server"/> (or, without one, to a loopback port nothing listens on).</summary>
    public static Task UseMailServerAsync(this PortalFactory portal, SmtpServer? server) => portal.InScopeAsync(async sp =>
    {
        var settings = server?.Settings() ?? new SmtpSettings("127.0.0.1", FreePort.Next(), "none", null, "portal@certportal.test", null);
        await sp.GetRequiredService<SettingsStore>().SaveAsync(SmtpSettings.Key, settings, null, CancellationToken.None);
        return true;
    });

    public static Task SaveAlertRulesAsync(this PortalFactory portal, AlertRules rules) => portal.InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<SettingsStore>().SaveAsync(AlertRules.Key, rules, null, CancellationToken.None);
        return true;
    });

    /// <summary>Imports a certificate (self-signed, with its key) that ends at <paramref name="notAfter"/> and lives <paramref name="lifetime"/> (default 90 days); answers its id.</summary>
    public static Task<Guid> ImportExpiringAsync(this PortalFactory portal, Guid customerId, string commonName, DateTime notAfter, TimeSpan? lifetime = null) => portal.InScopeAsync(async sp =>
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(commonName);
        request.CertificateExtensions.Add(names.Build());
        using var leaf = request.CreateSelfSigned(notAfter - (lifetime ?? TimeSpan.FromDays(90)), notAfter);
        var bundle = Encoding.ASCII.GetBytes(leaf.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n");
        var result = await sp.GetRequiredService<CertificateImport>().ImportAsync(customerId, bundle, null, Actor.CommandLine("test"));
        return result.Value?.Id ?? throw new InvalidOperationException(result.Message);
    });

    /// <summary>Runs the alert scan through <c>POST /api/v1/notifications/check</c>; answers how many sends it queued.</summary>
    public static async Task<int> CheckAsync(this HttpClient admin)
    {
        var answer = await (await admin.PostAsync("/api/v1/notifications/check", null)).JsonAsync();
        return answer.GetProperty("sent").GetInt32();
    }

    /// <summary>Moves the portal's clock so that <paramref name="left"/> remains until <paramref name="notAfter"/>.</summary>
    public static void MoveTo(this PortalFactory portal, DateTime notAfter, TimeSpan left) =>
        portal.Clock.Advance(notAfter - left - portal.Clock.GetUtcNow().UtcDateTime);

    /// <summary>The sends queued so far for <paramref name="kind"/> on <paramref name="objectId"/>.</summary>
    public static async Task<List<Notification>> SendsAsync(this PortalFactory portal, string kind, Guid objectId)
    {
        await using var db = await portal.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Set<Notification>().AsNoTracking().Where(n => n.Kind == kind && n.ObjectId == objectId).ToListAsync();
    }

    public static async Task<AlertState?> AlertStateAsync(this PortalFactory portal, string key)
    {
        await using var db = await portal.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Set<AlertState>().AsNoTracking().SingleOrDefaultAsync(s => s.Key == key);
    }

    /// <summary>
    /// Waits until the condition under <paramref name="key"/> is closed: hooks run just after the run or order they
    /// listen to has its final status, so a test that saw that status may be a moment early.
    /// </summary>
    public static async Task WaitUntilResolvedAsync(this PortalFactory portal, string key)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(50))
            if (await portal.AlertStateAsync(key) is { IsOpen: false })
                return;
        Assert.Fail($"{key} is still open (or was never opened).");
    }

    /// <summary>Mails that reached <paramref name="server"/> for <paramref name="to"/>.</summary>
    public static List<ReceivedMail> To(this SmtpServer server, string to) => server.Received.Where(m => m.To.Contains(to)).ToList();

    /// <summary>Waits until <paramref name="count"/> mails for <paramref name="to"/> arrived, then a little longer to see that no more come.</summary>
    public static async Task<List<ReceivedMail>> ExactlyAsync(this SmtpServer server, string to, int count)
    {
        for (var deadline = DateTime.UtcNow + MailWait; server.To(to).Count < count; await Task.Delay(100))
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{server.To(to).Count} of {count} mails for {to} arrived: {string.Join(" | ", server.To(to).Select(m => m.Subject))}");
        await Task.Delay(300);
        var mails = server.To(to);
        Assert.True(mails.Count == count, $"{mails.Count} mails for {to}, expected {count}: {string.Join(" | ", mails.Select(m => m.Subject))}");
        return mails;
    }

    public static string Mailbox(string who) => $"{who}-{Guid.NewGuid():N}"[..(who.Length + 9)] + "@customer.test";

    public static Guid IdOf(JsonElement resource) => Guid.Parse(resource.GetProperty("id").GetString()!);
}
