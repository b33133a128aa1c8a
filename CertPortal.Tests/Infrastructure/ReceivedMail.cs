using System.Text;
using MimeKit;

namespace CertPortal.Tests.Infrastructure;

/// <summary>One message the test SMTP server took: its envelope and the raw data as the client sent it.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, byte[] Raw)
{
    public string Data => Encoding.UTF8.GetString(Raw);

    /// <summary>The message parsed by MimeKit (headers decoded), for Subject, TextBody, HtmlBody.</summary>
    public MimeMessage Message => MimeMessage.Load(new MemoryStream(Raw));

    public string Subject => Message.Subject ?? "";

    public string Text => Message.TextBody ?? "";
}
