namespace CertPortal.Ftp;

/// <summary>The FTP server refused a command or could not be reached; <see cref="Reply"/> is the server's answer when there was one.</summary>
public sealed class FtpException(string message, FtpReply? reply = null, Exception? inner = null) : Exception(message, inner)
{
    public FtpReply? Reply => reply;
}
