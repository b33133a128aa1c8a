namespace CertPortal.Ftp;

/// <summary>One server reply (RFC 959 §4.2): a three-digit code and its text, all lines of a multi-line reply joined.</summary>
public sealed record FtpReply(int Code, string Text)
{
    public bool IsPositive => Code is >= 100 and < 400;

    public override string ToString() => $"{Code} {Text}";
}
