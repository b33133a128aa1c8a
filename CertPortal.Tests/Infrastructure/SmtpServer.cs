using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPortal.Features.Settings.Smtp;

namespace CertPortal.Tests.Infrastructure;

/// <summary>
/// Debian's aiosmtpd (<c>python3-aiosmtpd</c>, run by <c>/usr/bin/python3</c>) on a loopback port through
/// <c>smtp_server.py</c> beside this file. Every message it takes is kept: read <see cref="Received"/> or wait with
/// <see cref="WaitForMailsAsync"/>. <see cref="SmtpServerMode.StartTls"/> and <see cref="SmtpServerMode.Tls"/> present a certificate
/// made here (pin <see cref="CertificateSha256"/>); <see cref="SmtpServerMode.Auth"/> takes only <see cref="Username"/>/<see cref="Password"/>.
/// </summary>
public sealed class SmtpServer : IDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly TempFolder _folder = new("smtp");
    private PeerProcess? _process;

    private SmtpServer(SmtpServerMode mode) => Mode = mode;

    public SmtpServerMode Mode { get; }

    public string Host => "127.0.0.1";

    public int Port { get; } = FreePort.Next();

    /// <summary>Lowercase hex SHA-256 of the server's certificate in StartTls and Tls modes (null in the others).</summary>
    public string? CertificateSha256 { get; private set; }

    public string? Username { get; private set; }

    public string? Password { get; private set; }

    private string MailFolder => Path.Combine(_folder.Path, "mail");

    public static async Task<SmtpServer> StartAsync(SmtpServerMode mode = SmtpServerMode.Plain)
    {
        var server = new SmtpServer(mode);
        try
        {
            await server.RunAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>The portal's SMTP settings that reach this server (the password, in Auth mode, is <see cref="Password"/>).</summary>
    public SmtpSettings Settings(string from = "portal@certportal.test") => new(
        Host, Port, Mode switch { SmtpServerMode.StartTls => "starttls", SmtpServerMode.Tls => "tls", _ => "none" }, Username, from, CertificateSha256);

    /// <summary>The messages taken so far, in the order they arrived.</summary>
    public IReadOnlyList<ReceivedMail> Received =>
        Directory.GetFiles(MailFolder, "*.json").Order(StringComparer.Ordinal).Select(Read).ToList();

    /// <summary>Waits until at least <paramref name="count"/> messages arrived; fails with the server's output when they do not.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForMailsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var received = Received;
            if (received.Count >= count)
                return received;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{received.Count} of {count} mails arrived at the test SMTP server on {Port} within {timeout}:\n{_process?.Output}");
            await Task.Delay(100);
        }
    }

    private async Task RunAsync()
    {
        Directory.CreateDirectory(MailFolder);
        var script = Path.Combine(RepositoryRoot.Path, "CertPortal.Tests", "Infrastructure", "smtp_server.py");
        List<string> args = [script, "--port", Port.ToString(), "--out", MailFolder, "--mode", Mode.ToString().ToLowerInvariant()];
        if (Mode is SmtpServerMode.StartTls or SmtpServerMode.Tls)
            args.AddRange(WriteCertificate());
        if (Mode == SmtpServerMode.Auth)
        {
            Username = "mailer";
            Password = $"pw-{Guid.NewGuid():N}";
            args.AddRange(["--user", Username, "--password", Password]);
        }
        _process = PeerProcess.Start(Python, args);
        await _process.WaitUntilListeningAsync(Port);
    }

    private string[] WriteCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        CertificateSha256 = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
        var certPath = Path.Combine(_folder.Path, "server.crt");
        var keyPath = Path.Combine(_folder.Path, "server.key");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return ["--cert", certPath, "--key", keyPath];
    }

    private static ReceivedMail Read(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var root = json.RootElement;
        return new ReceivedMail(
            root.GetProperty("mailFrom").GetString() ?? "",
            root.GetProperty("rcptTos").EnumerateArray().Select(r => r.GetString() ?? "").ToList(),
            Convert.FromBase64String(root.GetProperty("data").GetString() ?? ""));
    }

    public void Dispose()
    {
        _process?.Dispose();
        _folder.Dispose();
    }
}
