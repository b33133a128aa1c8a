using System.Net.Security;

namespace CertPortal.Ftp;

/// <summary>
/// Where and how to log in. <see cref="ExplicitTls"/> upgrades the control channel with AUTH TLS and protects the data
/// channel (PROT P, RFC 4217); <see cref="TrustServer"/> decides about the server's certificate (null: the system's CAs).
/// </summary>
public sealed record FtpConnection(string Host, int Port, string User, string Password, bool ExplicitTls = false,
    RemoteCertificateValidationCallback? TrustServer = null, TimeSpan? Timeout = null)
{
    public TimeSpan EffectiveTimeout => Timeout ?? TimeSpan.FromSeconds(30);
}
