namespace CertPortal.Tests.Infrastructure;

/// <summary>How the test SMTP server greets: plain, STARTTLS with its own certificate (required), TLS from the first byte, or AUTH (required).</summary>
public enum SmtpServerMode
{
    Plain,
    StartTls,
    Tls,
    Auth,
}
