using System.Diagnostics;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Targets;

/// <summary>
/// Debian's OpenSSH server in the foreground on a loopback port, with its own ed25519 host key and one authorized
/// client key (tests run as root; the login is root). Its SFTP subsystem is the internal one.
/// </summary>
public sealed class SshdFixture : IAsyncLifetime
{
    public const string Program = "/usr/sbin/sshd";

    private readonly TempFolder _folder = new("sshd");
    private PeerProcess? _sshd;

    public int Port { get; } = FreePort.Next();

    public string User => Environment.UserName;

    /// <summary>Environment of the sessions, e.g. <c>PATH</c> with a simulated program first (sshd takes one SetEnv line only).</summary>
    public IReadOnlyDictionary<string, string> SessionEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>The client's private key (OpenSSH PEM) that the server accepts.</summary>
    public string ClientKeyPem { get; private set; } = "";

    /// <summary>The host key's fingerprint as <c>ssh-keygen -l -E sha256</c> prints it: "SHA256:...".</summary>
    public string HostKeySha256 { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory("/run/sshd"); // sshd's privilege separation directory; Debian creates it only at boot
        var hostKey = Path.Combine(_folder.Path, "host_ed25519");
        var clientKey = Path.Combine(_folder.Path, "client_ed25519");
        await KeygenAsync("-q", "-t", "ed25519", "-N", "", "-f", hostKey);
        await KeygenAsync("-q", "-t", "ed25519", "-N", "", "-f", clientKey);
        HostKeySha256 = (await KeygenAsync("-l", "-E", "sha256", "-f", hostKey + ".pub")).Split(' ')[1];
        ClientKeyPem = await File.ReadAllTextAsync(clientKey);
        File.Copy(clientKey + ".pub", Path.Combine(_folder.Path, "authorized_keys"));
        var config = Path.Combine(_folder.Path, "sshd_config");
        // The sessions get a home of their own: the shell then reads no ~/.bashrc of the machine's root (a developer's
        // may start pyenv and the like, a second per command), like a server's deploy user.
        var home = Directory.CreateDirectory(Path.Combine(_folder.Path, "home")).FullName;
        await File.WriteAllTextAsync(config, $"""
            ListenAddress 127.0.0.1:{Port}
            HostKey {hostKey}
            PidFile {_folder.Path}/sshd.pid
            AuthorizedKeysFile {_folder.Path}/authorized_keys
            StrictModes no
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            PermitRootLogin prohibit-password
            Subsystem sftp internal-sftp
            LogLevel VERBOSE
            SetEnv {string.Join(' ', SessionEnvironment.Append(new("HOME", home)).Select(e => $"{e.Key}={e.Value}"))}

            """);
        _sshd = PeerProcess.Start(Program, ["-D", "-e", "-f", config]);
        await _sshd.WaitUntilListeningAsync(Port);
    }

    public string Output => _sshd?.Output ?? "";

    private static async Task<string> KeygenAsync(params string[] args)
    {
        var info = new ProcessStartInfo("/usr/bin/ssh-keygen") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var keygen = Process.Start(info)!;
        var output = await keygen.StandardOutput.ReadToEndAsync();
        var error = await keygen.StandardError.ReadToEndAsync();
        await keygen.WaitForExitAsync();
        return keygen.ExitCode == 0 ? output : throw new InvalidOperationException($"ssh-keygen {string.Join(' ', args)} failed: {error}");
    }

    public Task DisposeAsync()
    {
        _sshd?.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
