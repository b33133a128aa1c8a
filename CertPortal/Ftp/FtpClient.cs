using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace CertPortal.Ftp;

/// <summary>
/// A small FTP client for putting a file on a server (RFC 959): passive data connections (EPSV, RFC 2428, else PASV),
/// binary type, STOR/RETR/DELE, and explicit TLS (RFC 4217: AUTH TLS, PBSZ 0, PROT P). Every refusal becomes an
/// <see cref="FtpException"/> that carries the server's reply; every exchange is bounded by the connection's timeout.
/// </summary>
public sealed partial class FtpClient : IAsyncDisposable
{
    private readonly FtpConnection _connection;
    private readonly TcpClient _tcp;
    private Stream _control = Stream.Null;
    private readonly byte[] _buffer = new byte[1024];
    private int _position, _length;

    private FtpClient(FtpConnection connection, TcpClient tcp)
    {
        (_connection, _tcp) = (connection, tcp);
    }

    /// <summary>Connects, upgrades to TLS when asked, logs in and switches to binary; the caller disposes (QUIT).</summary>
    public static async Task<FtpClient> ConnectAsync(FtpConnection connection, CancellationToken ct)
    {
        var tcp = new TcpClient();
        var client = new FtpClient(connection, tcp);
        try
        {
            await client.Bounded(async token =>
            {
                await tcp.ConnectAsync(connection.Host, connection.Port, token);
                client._control = tcp.GetStream();
            }, $"connect to {connection.Host}:{connection.Port}", ct);
            await client.ExpectAsync(null, 220, ct);
            if (connection.ExplicitTls)
            {
                await client.ExpectAsync("AUTH TLS", 234, ct);
                var ssl = new SslStream(client._control, leaveInnerStreamOpen: false);
                await client.Bounded(token => ssl.AuthenticateAsClientAsync(client.TlsOptions(), token), "TLS handshake on the control connection", ct);
                client._control = ssl;
            }
            var user = await client.CommandAsync($"USER {connection.User}", ct);
            if (user.Code == 331)
                user = await client.CommandAsync($"PASS {connection.Password}", ct, display: "PASS ****");
            if (user.Code != 230)
                throw new FtpException($"The FTP server refused the login of '{connection.User}': {user}", user);
            if (connection.ExplicitTls)
            {
                await client.ExpectAsync("PBSZ 0", 200, ct);
                await client.ExpectAsync("PROT P", 200, ct);
            }
            await client.ExpectAsync("TYPE I", 200, ct);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stores <paramref name="content"/> as <paramref name="path"/> (STOR), byte for byte.</summary>
    public async Task UploadAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct) =>
        await TransferAsync($"STOR {path}", async (data, token) => await data.WriteAsync(content, token), ct);

    /// <summary>Reads <paramref name="path"/> (RETR).</summary>
    public async Task<byte[]> DownloadAsync(string path, CancellationToken ct)
    {
        using var received = new MemoryStream();
        await TransferAsync($"RETR {path}", (data, token) => data.CopyToAsync(received, token), ct);
        return received.ToArray();
    }

    public async Task DeleteAsync(string path, CancellationToken ct) => await ExpectAsync($"DELE {path}", 250, ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_tcp.Connected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await CommandAsync("QUIT", quick.Token);
            }
        }
        catch (Exception e) when (e is FtpException or IOException or OperationCanceledException or SocketException)
        {
            // The server may already have closed the connection; QUIT is a courtesy.
        }
        await _control.DisposeAsync();
        _tcp.Dispose();
    }

    private async Task TransferAsync(string command, Func<Stream, CancellationToken, Task> transfer, CancellationToken ct)
    {
        var port = await PassivePortAsync(ct);
        using var dataTcp = new TcpClient();
        // Connect to the control connection's host, not the address PASV names: servers behind NAT announce private
        // addresses, and following the announced address would let a server point us elsewhere (RFC 2577 §3).
        await Bounded(token => dataTcp.ConnectAsync(_connection.Host, port, token).AsTask(), $"open the data connection to port {port}", ct);
        await SendAsync(command, ct);
        Stream data = dataTcp.GetStream();
        SslStream? ssl = null;
        Task handshake = Task.CompletedTask;
        if (_connection.ExplicitTls)
        {
            ssl = new SslStream(data, leaveInnerStreamOpen: false);
            data = ssl;
            // Some servers start the data TLS handshake before the 150 reply, others after it: run both at once.
            handshake = Bounded(token => ssl.AuthenticateAsClientAsync(TlsOptions(), token), "TLS handshake on the data connection", ct);
        }
        var opened = await ReadReplyAsync(ct);
        if (opened.Code is not (125 or 150))
        {
            await data.DisposeAsync();
            _ = handshake.ContinueWith(t => t.Exception, TaskScheduler.Default);
            throw new FtpException($"The FTP server refused {Verb(command)}: {opened}", opened);
        }
        await handshake;
        await Bounded(token => transfer(data, token), $"transfer for {Verb(command)}", ct);
        if (ssl is not null)
        {
            await ssl.ShutdownAsync();
            // Wait for the server's own close before dropping the socket: vsftpd reports 426 when the TCP connection
            // ends before it has read our close_notify.
            try
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(TimeSpan.FromSeconds(5));
                _ = await ssl.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false, wait.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                // The server closed hard or not at all; its reply on the control connection decides.
            }
        }
        await data.DisposeAsync();
        var done = await ReadReplyAsync(ct);
        if (done.Code != 226 && done.Code != 250)
            throw new FtpException($"The FTP server did not complete {Verb(command)}: {done}", done);
    }

    private async Task<int> PassivePortAsync(CancellationToken ct)
    {
        var extended = await CommandAsync("EPSV", ct);
        if (extended.Code == 229 && EpsvPort().Match(extended.Text) is { Success: true } e)
            return int.Parse(e.Groups[1].Value);
        var passive = await CommandAsync("PASV", ct);
        if (passive.Code == 227 && PasvAddress().Match(passive.Text) is { Success: true } p)
            return int.Parse(p.Groups[5].Value) * 256 + int.Parse(p.Groups[6].Value);
        throw new FtpException($"The FTP server offers no passive mode: {passive}", passive);
    }

    private async Task<FtpReply> ExpectAsync(string? command, int code, CancellationToken ct)
    {
        var reply = command is null ? await ReadReplyAsync(ct) : await CommandAsync(command, ct);
        if (reply.Code != code)
            throw new FtpException(command is null
                ? $"The FTP server at {_connection.Host}:{_connection.Port} did not greet as expected: {reply}"
                : $"The FTP server refused {Verb(command)}: {reply}", reply);
        return reply;
    }

    private async Task<FtpReply> CommandAsync(string command, CancellationToken ct, string? display = null)
    {
        await SendAsync(command, ct, display);
        return await ReadReplyAsync(ct);
    }

    private Task SendAsync(string command, CancellationToken ct, string? display = null)
    {
        if (command.AsSpan().IndexOfAny('\r', '\n') >= 0)
            throw new FtpException($"An FTP command must be one line: {display ?? Verb(command)}.");
        return Bounded(token => _control.WriteAsync(Encoding.UTF8.GetBytes(command + "\r\n"), token).AsTask(), $"send {display ?? Verb(command)}", ct);
    }

    /// <summary>RFC 959 §4.2: "123-first line" ... "123 last line"; a single-line reply is "123 text".</summary>
    private async Task<FtpReply> ReadReplyAsync(CancellationToken ct)
    {
        var first = await ReadLineAsync(ct);
        if (first.Length < 3 || !int.TryParse(first.AsSpan(0, 3), out var code))
            throw new FtpException($"The server at {_connection.Host}:{_connection.Port} does not answer like an FTP server: '{first}'.");
        var text = new StringBuilder(first.Length > 4 ? first[4..] : "");
        if (first.Length > 3 && first[3] == '-')
        {
            var end = $"{first[..3]} ";
            string line;
            do
            {
                line = await ReadLineAsync(ct);
                text.Append('\n').Append(line.StartsWith(end, StringComparison.Ordinal) ? line[4..] : line);
            }
            while (!line.StartsWith(end, StringComparison.Ordinal));
        }
        return new FtpReply(code, text.ToString().Trim());
    }

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        var line = new List<byte>(80);
        while (true)
        {
            if (_position == _length)
            {
                _length = await Bounded(token => _control.ReadAsync(_buffer, token).AsTask(), "read the server's reply", ct);
                _position = 0;
                if (_length == 0)
                    throw new FtpException($"The FTP server at {_connection.Host}:{_connection.Port} closed the connection.");
            }
            var b = _buffer[_position++];
            if (b == '\n')
                return Encoding.UTF8.GetString(line.ToArray()).TrimEnd('\r');
            line.Add(b);
        }
    }

    private SslClientAuthenticationOptions TlsOptions() => new()
    {
        TargetHost = _connection.Host,
        RemoteCertificateValidationCallback = _connection.TrustServer,
    };

    private Task Bounded(Func<CancellationToken, Task> work, string what, CancellationToken ct) =>
        Bounded(async token => { await work(token); return true; }, what, ct);

    private async Task<T> Bounded<T>(Func<CancellationToken, Task<T>> work, string what, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_connection.EffectiveTimeout);
        try
        {
            return await work(timeout.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new FtpException($"FTP {_connection.Host}:{_connection.Port}: no answer in {_connection.EffectiveTimeout.TotalSeconds:0} s ({what}).", inner: e);
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            throw new FtpException($"FTP {_connection.Host}:{_connection.Port}: could not {what}: {e.Message}", inner: e);
        }
    }

    private static string Verb(string command) => command.StartsWith("PASS ", StringComparison.Ordinal) ? "PASS" : command;

    [GeneratedRegex(@"\(\|\|\|(\d+)\|\)")]
    private static partial Regex EpsvPort();

    [GeneratedRegex(@"(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)")]
    private static partial Regex PasvAddress();
}
