using System.Net.Sockets;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;
using ConnectionInfo = Renci.SshNet.ConnectionInfo;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// A logged-in SSH connection (commands) and SFTP connection (files) to one host whose host key matches the pin.
/// The key is checked before any credential is sent, so an unpinned or changed key never sees the password.
/// </summary>
internal sealed class SshSession : IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly List<IDisposable> _owned = [];

    private SshSession(SshClient shell, SftpClient sftp) => (Shell, Sftp) = (shell, sftp);

    public SshClient Shell { get; }

    public SftpClient Sftp { get; }

    public static async Task<SshSession> OpenAsync(SshTarget target, CancellationToken ct)
    {
        var pin = target.PinnedHostKey ?? throw TargetException.Setting(
            $"{target.Label("hostKeySha256")} is empty: run Test and trust the key it shows for {target.Address}. Nothing was changed.");
        // Each client its own connection info (its key and auth method are not shared), so both log in at once: the
        // key exchanges overlap instead of adding up.
        var (shell, shellOwned) = Connection(target);
        var (sftp, sftpOwned) = Connection(target);
        var session = new SshSession(new SshClient(shell), new SftpClient(sftp) { OperationTimeout = CommandTimeout });
        session._owned.AddRange([.. shellOwned, .. sftpOwned]);
        try
        {
            await Task.WhenAll(ConnectAsync(session.Shell, target, pin, ct), ConnectAsync(session.Sftp, target, pin, ct));
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Connects only far enough to read the host key (no credentials are sent) and returns its SHA-256 fingerprint.</summary>
    public static async Task<string> ReadHostKeyAsync(SshTarget target, CancellationToken ct)
    {
        using var none = new NoneAuthenticationMethod(target.Username);
        using var client = new SshClient(new ConnectionInfo(target.Host, target.Port, target.Username, none) { Timeout = ConnectTimeout });
        string? seen = null;
        client.HostKeyReceived += (_, e) => (seen, e.CanTrust) = (e.FingerPrintSHA256, false);
        try
        {
            await client.ConnectAsync(ct);
        }
        catch (Exception e) when (seen is not null && e is SshException)
        {
            // Refusing the key ends the key exchange: exactly what is wanted here.
        }
        catch (Exception e) when (e is SocketException or SshException)
        {
            throw Explain(e, target);
        }
        return seen ?? throw new TargetException($"{target.Address} sent no host key.");
    }

    /// <summary>
    /// Runs a command; its exit code and (trimmed) output are returned, a non-zero exit is not an exception.
    /// <paramref name="shownAs"/> names it in messages when the command line itself holds a secret.
    /// </summary>
    public async Task<CommandResult> RunAsync(string command, CancellationToken ct, string? shownAs = null)
    {
        using var run = Shell.CreateCommand(command);
        run.CommandTimeout = CommandTimeout;
        try
        {
            await run.ExecuteAsync(ct);
        }
        catch (SshOperationTimeoutException)
        {
            throw new TargetException($"`{shownAs ?? command}` did not finish within {CommandTimeout.TotalMinutes:0} minutes.");
        }
        return new CommandResult(shownAs ?? command, run.ExitStatus ?? -1, run.Result, run.Error);
    }

    private static async Task ConnectAsync(BaseClient client, SshTarget target, string pin, CancellationToken ct)
    {
        string? seen = null;
        client.HostKeyReceived += (_, e) => (seen, e.CanTrust) = (e.FingerPrintSHA256, string.Equals(e.FingerPrintSHA256, pin, StringComparison.Ordinal));
        try
        {
            await client.ConnectAsync(ct);
        }
        catch (Exception e) when (seen is not null && seen != pin)
        {
            throw TargetException.Setting($"The host key of {target.Address} changed: it is now {SshTarget.FingerprintPrefix}{seen}, the target pins " +
                $"{SshTarget.FingerprintPrefix}{pin}. This can be a man-in-the-middle; nothing was sent. If the server was reinstalled, check the key on " +
                $"the server (ssh-keygen -l -E sha256 -f /etc/ssh/ssh_host_ed25519_key.pub) and update {target.Label("hostKeySha256")}.", e);
        }
        catch (Exception e) when (e is SocketException or SshException)
        {
            throw Explain(e, target);
        }
    }

    private static TargetException Explain(Exception e, SshTarget target) => e switch
    {
        SshAuthenticationException => TargetException.Setting(
            $"{target.Address} refused the login as '{target.Username}' ({e.Message.Trim()}): check {target.Label("privateKey")} or {target.Label("password")}.", e),
        SshOperationTimeoutException => new TargetException($"{target.Address} did not answer within {ConnectTimeout.TotalSeconds:0} seconds.", e),
        SocketException socket => new TargetException($"Could not connect to {target.Address}: {socket.Message}", e),
        _ => new TargetException($"SSH to {target.Address} failed: {e.Message}", e),
    };

    private static (ConnectionInfo Connection, IReadOnlyList<IDisposable> Owned) Connection(SshTarget target)
    {
        AuthenticationMethod method;
        if (target.PrivateKeyPem is { } pem)
        {
            PrivateKeyFile key;
            try
            {
                key = new PrivateKeyFile(new MemoryStream(Encoding.UTF8.GetBytes(pem.Trim() + "\n")));
            }
            catch (SshException e)
            {
                throw TargetException.Setting($"{target.Label("privateKey")} could not be read: give an unencrypted OpenSSH, PKCS#1 or PKCS#8 PEM key.", e);
            }
            method = new PrivateKeyAuthenticationMethod(target.Username, key);
            return (new ConnectionInfo(target.Host, target.Port, target.Username, method) { Timeout = ConnectTimeout }, [key, method]);
        }
        method = new PasswordAuthenticationMethod(target.Username, target.Password!);
        return (new ConnectionInfo(target.Host, target.Port, target.Username, method) { Timeout = ConnectTimeout }, [method]);
    }

    public void Dispose()
    {
        Sftp.Dispose();
        Shell.Dispose();
        foreach (var owned in _owned)
            owned.Dispose();
    }
}

/// <summary>What a remote command did; <see cref="Describe"/> is what a technician reads (exit code, stderr, never input).</summary>
internal sealed record CommandResult(string Command, int ExitCode, string Output, string Error)
{
    public bool Ok => ExitCode == 0;

    public string Describe()
    {
        var text = (string.IsNullOrWhiteSpace(Error) ? Output : Error).Trim();
        if (text.Length > 600)
            text = text[..600] + "…";
        return text.Length == 0 ? $"`{Command}` exited with {ExitCode}" : $"`{Command}` exited with {ExitCode}: {text}";
    }
}
