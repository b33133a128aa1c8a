using System.Net.Http.Json;
using System.Text;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Settings;

/// <summary>The SMTP password goes to the server and nowhere else: not in answers, the audit log, the log files or the database file.</summary>
public sealed class SettingsSecrecyTests
{
    private const string Wrong = "wrong smtp passphrase 5150";

    [Fact]
    public async Task The_smtp_password_never_reaches_answers_audit_logs_or_the_database_in_clear()
    {
        using var folder = new TempFolder();
        using var server = await SmtpServer.StartAsync(SmtpServerMode.Auth);
        var answers = new StringBuilder();
        await using (var portal = new PortalFactory(folder.Path))
        {
            var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
            var s = server.Settings("portal@msp.test");
            async Task SaveAndTestAsync(object body)
            {
                var saved = await admin.PutAsJsonAsync("/api/v1/settings/smtp", body);
                answers.Append(await saved.Content.ReadAsStringAsync());
                var tested = await admin.PostAsJsonAsync("/api/v1/settings/smtp/test", new { to = "admin@msp.test" });
                answers.Append(await tested.Content.ReadAsStringAsync());
            }

            await SaveAndTestAsync(new { host = s.Host, port = s.Port, security = "none", username = s.Username, from = s.From, password = Wrong });
            await SaveAndTestAsync(new { host = s.Host, port = s.Port, security = "none", username = s.Username, from = s.From, secrets = new { password = server.Password } });
            // A refused save that carries a password.
            await SaveAndTestAsync(new { host = "", port = s.Port, security = "none", username = s.Username, from = s.From, secrets = new { password = Wrong } });
            await server.WaitForMailsAsync(2, TimeSpan.FromSeconds(15));
            answers.Append(await (await admin.GetAsync("/api/v1/settings/smtp")).Content.ReadAsStringAsync());
            answers.Append(await (await admin.GetAsync("/api/v1/audit?action=settings&pageSize=100")).Content.ReadAsStringAsync());
        }

        var all = answers.ToString();
        Assert.Contains("535 5.7.8", all);
        Assert.Contains("settings.smtp.update", all);
        foreach (var file in Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            all += Encoding.UTF8.GetString(memory.ToArray());
        }
        Assert.Contains("Mail not sent through", all);
        foreach (var secret in new[] { Wrong, server.Password! })
            Assert.False(all.Contains(secret, StringComparison.Ordinal), $"the SMTP password ({secret[..6]}…) is in an answer, the audit log, a log file or the database");
    }
}
