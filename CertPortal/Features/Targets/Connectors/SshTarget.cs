namespace CertPortal.Features.Targets.Connectors;

/// <summary>An ssh target's settings, read and checked once: where to log in, the pinned host key, the files and commands.</summary>
internal sealed record SshTarget(string Host, int Port, string Username, string? PinnedHostKey, string? PrivateKeyPem, string? Password,
    string? TestCommand, string? ReloadCommand)
{
    public const string FingerprintPrefix = "SHA256:";

    /// <summary>The form's labels of the settings run messages name.</summary>
    public Func<string, string> Label { get; init; } = name => name;

    public string Address => $"{Host}:{Port}";

    public static SshTarget From(TargetSettings settings)
    {
        var target = new SshTarget(settings.Required("host"), settings.Port("port", 22), settings.Required("username"),
            NormalizeFingerprint(settings.Optional("hostKeySha256")), settings.Optional("privateKey"), settings.Optional("password"),
            settings.Optional("testCommand"), settings.Optional("reloadCommand")) { Label = settings.Label };
        if (target.PrivateKeyPem is null && target.Password is null)
            throw TargetException.Setting($"Set {settings.Label("privateKey")} or {settings.Label("password")} to log in.");
        return target;
    }

    /// <summary>
    /// The base64 part of a fingerprint as OpenSSH prints it ("SHA256:" + unpadded base64). A pasted whole line of
    /// <c>ssh-keygen -l -E sha256</c> ("256 SHA256:... root@host (ED25519)") is accepted too.
    /// </summary>
    public static string? NormalizeFingerprint(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var token = value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(t => t.StartsWith(FingerprintPrefix, StringComparison.OrdinalIgnoreCase)) ?? value.Trim();
        if (token.StartsWith(FingerprintPrefix, StringComparison.OrdinalIgnoreCase))
            token = token[FingerprintPrefix.Length..];
        return token.TrimEnd('=');
    }

    /// <summary>The files a version becomes on the host; only the paths that are set, each absolute and used once.</summary>
    public static IReadOnlyList<RemoteFile> Files(TargetSettings settings, DeployableCertificate certificate)
    {
        var files = new List<RemoteFile> { new(settings.Required("certPath"), certificate.LeafPem, false), new(settings.Required("keyPath"), certificate.KeyPem, true) };
        if (settings.Optional("chainPath") is { } chain)
            files.Add(new RemoteFile(chain, certificate.ChainPem, false));
        if (settings.Optional("fullchainPath") is { } fullchain)
            files.Add(new RemoteFile(fullchain, certificate.FullChainPem, false));
        if (files.FirstOrDefault(f => !f.Path.StartsWith('/')) is { } relative)
            throw TargetException.Setting($"The path '{relative.Path}' must be absolute (start with /).");
        if (files.GroupBy(f => f.Path).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw TargetException.Setting($"The path '{twice.Key}' is given for more than one file.");
        return files;
    }
}

/// <summary>One file to put on the host; a secret one (the private key) is written with mode 0600 from the start.</summary>
internal sealed record RemoteFile(string Path, string Content, bool Secret);
