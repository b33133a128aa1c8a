using System.Text;
using MailKit;

namespace CertPortal.Features.Settings.Smtp;

/// <summary>
/// Keeps the last reply line the SMTP server sent, so a send can report the server's own words ("250 ...",
/// "535 ..."). Only what the server says is read: client lines (which carry AUTH data) are never kept.
/// </summary>
internal sealed class SmtpReplies : IProtocolLogger
{
    private readonly StringBuilder _pending = new();

    /// <summary>The last complete reply line (e.g. "250 2.0.0 OK queued"), or null before the server said anything.</summary>
    public string? Last { get; private set; }

    /// <summary>The last reply that refused something (4xx or 5xx); MailKit's RSET after a refusal does not hide it.</summary>
    public string? LastRefusal { get; private set; }

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    public void LogConnect(Uri uri)
    {
    }

    public void LogClient(byte[] buffer, int offset, int count)
    {
    }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        _pending.Append(Encoding.UTF8.GetString(buffer, offset, count));
        var text = _pending.ToString();
        var end = text.LastIndexOf('\n');
        if (end < 0)
            return;
        foreach (var line in text[..end].Split('\n'))
        {
            var reply = line.TrimEnd('\r');
            if (reply.Length == 0)
                continue;
            Last = reply;
            if (reply[0] is '4' or '5')
                LastRefusal = reply;
        }
        _pending.Clear().Append(text[(end + 1)..]);
    }

    public void Dispose()
    {
    }
}
