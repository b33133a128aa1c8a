using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.DnsProviders;

/// <summary>
/// The committed <c>Hooks/nsupdate-hook.sh</c> copied into a folder of its own with a <c>hook.conf</c> pointing at a
/// test BIND, so tests running side by side each have their own settings.
/// </summary>
public sealed class HookScript : IDisposable
{
    private readonly TempFolder _folder = new("hook");

    public HookScript(BindFixture bind, string? secret = null, int hangSeconds = 0)
    {
        Program = System.IO.Path.Combine(_folder.Path, "nsupdate-hook.sh");
        File.Copy(System.IO.Path.Combine(AppContext.BaseDirectory, "DnsProviders", "Hooks", "nsupdate-hook.sh"), Program);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(System.IO.Path.Combine(_folder.Path, "hook.conf"), $"""
            SERVER=127.0.0.1
            PORT={bind.Port}
            ZONE={BindFixture.Zone}
            KEY_NAME={BindFixture.KeyName}
            SECRET={secret ?? bind.TsigSecret}
            HANG_SECONDS={hangSeconds}
            """ + "\n");
    }

    public string Program { get; }

    /// <summary>The pid of the child a hanging hook started, once it has.</summary>
    public int? ChildPid => File.Exists(System.IO.Path.Combine(_folder.Path, "child.pid"))
        && int.TryParse(File.ReadAllText(System.IO.Path.Combine(_folder.Path, "child.pid")).Trim(), out var pid) ? pid : null;

    public Dictionary<string, string?> Settings(int? timeoutSeconds = null) => new()
    {
        ["program"] = Program, ["zone"] = BindFixture.Zone, ["hookTimeoutSeconds"] = timeoutSeconds?.ToString(),
    };

    public void Dispose() => _folder.Dispose();
}
