using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CertPortal.Tests.Targets.Simulators;

/// <summary>
/// powershell.exe on the simulated server: takes exactly <c>-NoProfile -NonInteractive -EncodedCommand &lt;base64 UTF-16LE&gt;</c>,
/// then runs the script line by line. It knows the cmdlets the vendor documents, with their documented parameters, plus
/// Get-Website, Test-Path, Remove-Item, Get-ChildItem, Import-Certificate, certutil (-addstore, -store, -delstore),
/// Select-Object and ConvertTo-Json; anything else is reported as unsupported.
/// Error texts are PowerShell's (Windows wording where documented; marked where the simulator words them itself).
/// </summary>
public sealed partial class IisPowerShell(IisSimulator iis)
{
    private const string Store = @"Cert:\LocalMachine\My";
    private readonly StringBuilder _output = new();

    public (int Exit, string Output, string Error) Run(IReadOnlyList<string> args, string workingDirectory)
    {
        if (args.Count != 4 || args[0] != "-NoProfile" || args[1] != "-NonInteractive" || args[2] != "-EncodedCommand")
        {
            Unsupported($"arguments {string.Join(' ', args)}");
            return (1, "", "simulator: only -NoProfile -NonInteractive -EncodedCommand <script> is supported\r\n");
        }
        var script = Encoding.Unicode.GetString(Convert.FromBase64String(args[3]));
        var lines = script.Split("\r\n");
        lock (iis.Gate)
            iis.Scripts.Add(script);
        if (lines[0] != "$ErrorActionPreference = 'Stop'")
        {
            Unsupported("a script that does not start with $ErrorActionPreference = 'Stop'");
            return (1, "", "simulator: errors would not stop the script\r\n");
        }
        for (var i = 1; i < lines.Length; i++)
        {
            try
            {
                lock (iis.Gate)
                    if (Execute(lines[i], workingDirectory) is { } exit)
                        return (exit, _output.ToString(), "");
            }
            catch (PowerShellFailure e)
            {
                if (e.Unsupported)
                    Unsupported(e.Message);
                return (1, _output.ToString(), e.Render(i + 1, lines[i]));
            }
        }
        return (0, _output.ToString(), "");
    }

    private void Unsupported(string what)
    {
        lock (iis.Gate)
            iis.Unsupported.Add(what);
    }

    /// <summary>Runs one line; answers the exit code when the line ends the script (<c>exit $LASTEXITCODE</c>).</summary>
    private int? Execute(string line, string workingDirectory)
    {
        if (line == "$ProgressPreference = 'SilentlyContinue'")
            return null;
        if (line == "exit $LASTEXITCODE")
            return _lastExitCode;
        var stages = PowerShellSegment.Pipeline(line);
        if (stages[0].StartsWith("certutil ", StringComparison.OrdinalIgnoreCase))
        {
            if (stages.Count > 1)
                throw new PowerShellFailure("simulator: certutil's output piped", unsupported: true);
            CertUtil(PowerShellSegment.Tokens(stages[0]), workingDirectory);
            return null;
        }
        if (AddSslCertificate().Match(stages[0]) is { Success: true } call)
        {
            if (!iis.HasIis)
                throw Unknown("Get-WebBinding");
            if (stages.Count > 1)
                throw new PowerShellFailure("simulator: a pipeline after a method call", unsupported: true);
            Bind(Bindings(PowerShellSegment.Parse(call.Groups[1].Value)), call.Groups[2].Value.Replace("''", "'"), call.Groups[3].Value);
            return null;
        }
        var objects = Command(PowerShellSegment.Parse(stages[0]), workingDirectory);
        foreach (var stage in stages.Skip(1).Select(PowerShellSegment.Parse))
            objects = stage.Cmdlet switch
            {
                "Select-Object" => Select(stage, objects),
                "ConvertTo-Json" => Json(stage, objects),
                _ => throw Unknown(stage.Cmdlet),
            };
        foreach (var value in objects)
            _output.Append(value switch { bool b => b ? "True" : "False", string s => s, _ => throw new PowerShellFailure("simulator: an object printed without ConvertTo-Json", unsupported: true) }).Append("\r\n");
        return null;
    }

    private List<object> Command(PowerShellSegment command, string workingDirectory) => command.Cmdlet switch
    {
        "Get-Website" when iis.HasIis => Sites(command),
        "Get-WebBinding" when iis.HasIis => [.. Bindings(command).Select(Shown)],
        "New-IISSiteBinding" when iis.HasIis => NewBinding(command),
        "Remove-IISSiteBinding" when iis.HasIis => RemoveBinding(command),
        "Test-Path" => TestPath(command),
        "Import-PfxCertificate" => Import(command, workingDirectory),
        "Import-Certificate" => ImportCertificate(command, workingDirectory),
        "Get-ChildItem" => ChildItems(command),
        "Remove-Item" => RemoveItem(command),
        _ => throw Unknown(command.Cmdlet),
    };

    private PowerShellFailure Unknown(string cmdlet) => new(
        $"{cmdlet} : The term '{cmdlet}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the " +
        "name, or if a path was included, verify that the path is correct and try again.", unsupported: cmdlet is not ("Get-Website" or "Get-WebBinding" or "New-IISSiteBinding" or "Remove-IISSiteBinding"));

    private List<object> Sites(PowerShellSegment command)
    {
        command.Allow("Name");
        // Get-Website -Name with a name that is not there prints nothing; it is not an error.
        return [.. iis.Sites.Where(s => command["Name"] is not { } name || string.Equals(s.Key, name, StringComparison.OrdinalIgnoreCase))
            .Select(s => new Dictionary<string, object?> { ["name"] = s.Key, ["id"] = s.Value, ["state"] = "Started" })];
    }

    private List<SimulatedBinding> Bindings(PowerShellSegment command)
    {
        command.Allow("Name", "Protocol", "Port", "IPAddress", "HostHeader");
        if (iis.Failing("read"))
            throw new PowerShellFailure("Get-WebBinding : Filename: \\\\?\\C:\\Windows\\system32\\inetsrv\\config\\applicationHost.config\r\nError: Cannot read configuration file due to insufficient permissions");
        return iis.Bindings.Where(b =>
            (command["Name"] is not { } name || string.Equals(b.Site, name, StringComparison.OrdinalIgnoreCase)) &&
            (command["Protocol"] is not { } protocol || protocol == "https") &&
            (command["Port"] is not { } port || b.Port.ToString() == port) &&
            (command["IPAddress"] is not { } ip || b.IpAddress == ip) &&
            (command["HostHeader"] is not { } host || string.Equals(b.HostName, host, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    private Dictionary<string, object?> Shown(SimulatedBinding b) => new()
    {
        ["protocol"] = "https", ["bindingInformation"] = b.BindingInformation, ["sslFlags"] = b.SslFlags, ["certificateHash"] = b.CertificateHash ?? "",
        ["certificateStoreName"] = b.CertificateHash is null ? "" : "My", ["ItemXPath"] = $"/system.applicationHost/sites/site[@name='{b.Site.Replace("'", "''")}' and @id='{iis.Sites[b.Site]}']",
    };

    /// <summary>
    /// Binding.AddSslCertificate(thumbprint, storeName). On a non-SNI binding HTTP.sys keys the certificate by ip:port,
    /// so every non-SNI binding of that ip:port gets it. Member enumeration applies it to each binding found.
    /// </summary>
    private void Bind(List<SimulatedBinding> found, string thumbprint, string store)
    {
        if (found.Count == 0)
            throw new PowerShellFailure("You cannot call a method on a null-valued expression.");
        if (store != "My")
            throw new PowerShellFailure("simulator: a store other than My", unsupported: true);
        if (iis.Failing("bind"))
            throw new PowerShellFailure("Exception calling \"AddSslCertificate\" with \"2\" argument(s): \"Cannot create a file when that file already exists. (Exception from HRESULT: 0x800700B7)\"");
        CheckUsable(thumbprint, "Exception calling \"AddSslCertificate\" with \"2\" argument(s): ");
        foreach (var binding in found)
            foreach (var shared in binding.Sni ? [binding] : iis.Bindings.Where(b => !b.Sni && b.Port == binding.Port && b.IpAddress == binding.IpAddress))
                shared.CertificateHash = thumbprint.ToUpperInvariant();
    }

    private void CheckUsable(string thumbprint, string prefix)
    {
        if (!iis.Store.TryGetValue(thumbprint, out var certificate))
            throw new PowerShellFailure($"{prefix}\"Cannot find object or property. (Exception from HRESULT: 0x80092004)\"");
        if (iis.KeyUnusable || !certificate.HasPrivateKey)
            throw new PowerShellFailure($"{prefix}\"A specified logon session does not exist. It may already have been terminated. (Exception from HRESULT: 0x80070520)\"");
    }

    private List<object> NewBinding(PowerShellSegment command)
    {
        command.Allow("Name", "BindingInformation", "Protocol", "CertificateThumbPrint", "SslFlag", "CertStoreLocation");
        var (site, information) = (command["Name"]!, command["BindingInformation"]!);
        if (command["Protocol"] != "https" || command["CertStoreLocation"] != Store || command["SslFlag"] is not ("Sni" or "None") || information.Split(':').Length < 3)
            throw new PowerShellFailure($"simulator: New-IISSiteBinding with {string.Join(' ', command.Parameters)}", unsupported: true);
        // The two refusals below are worded by the simulator; the module's exact texts are not in the sources.
        if (!iis.Sites.ContainsKey(site))
            throw new PowerShellFailure($"New-IISSiteBinding : Web site '{site}' does not exist.");
        if (iis.Bindings.Any(b => b.BindingInformation == information))
            throw new PowerShellFailure($"New-IISSiteBinding : Web site binding '{information}' already exists.");
        if (iis.Failing("bind"))
            throw new PowerShellFailure("New-IISSiteBinding : Cannot create a file when that file already exists. (Exception from HRESULT: 0x800700B7)");
        var thumbprint = command["CertificateThumbPrint"]!;
        CheckUsable(thumbprint, "New-IISSiteBinding : ");
        iis.Bindings.Add(new SimulatedBinding(iis.Sites.Keys.First(k => string.Equals(k, site, StringComparison.OrdinalIgnoreCase)), information, command["SslFlag"] == "Sni" ? 1 : 0, thumbprint.ToUpperInvariant()));
        return [];
    }

    private List<object> RemoveBinding(PowerShellSegment command)
    {
        command.Allow("Name", "BindingInformation", "Protocol", "Confirm");
        if (command["Confirm"] != "$false")
            throw new PowerShellFailure("simulator: Remove-IISSiteBinding would ask for confirmation (-NonInteractive fails)", unsupported: true);
        if (iis.Failing("unbind"))
            throw new PowerShellFailure("Remove-IISSiteBinding : Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))");
        var binding = iis.Bindings.FirstOrDefault(b => string.Equals(b.Site, command["Name"], StringComparison.OrdinalIgnoreCase) && b.BindingInformation == command["BindingInformation"])
            ?? throw new PowerShellFailure($"Remove-IISSiteBinding : Web site binding '{command["BindingInformation"]}' does not exist.");
        iis.Bindings.Remove(binding);
        return [];
    }

    private static List<object> Select(PowerShellSegment stage, List<object> objects)
    {
        stage.Allow("Property");
        var names = (stage["Property"] ?? "").Split(',');
        return [.. objects.Select(o => o is Dictionary<string, object?> properties
            ? names.ToDictionary(n => n, n => properties.FirstOrDefault(p => string.Equals(p.Key, n, StringComparison.OrdinalIgnoreCase)).Value)
            : throw new PowerShellFailure("simulator: Select-Object on a plain value", unsupported: true))];
    }

    /// <summary>ConvertTo-Json prints nothing for no input, an object for one and an array for several.</summary>
    private static List<object> Json(PowerShellSegment stage, List<object> objects)
    {
        stage.Allow("Compress");
        if (!stage.Has("Compress"))
            throw new PowerShellFailure("simulator: ConvertTo-Json without -Compress prints several lines", unsupported: true);
        return objects.Count switch
        {
            0 => [],
            1 => [JsonSerializer.Serialize(objects[0])],
            _ => [JsonSerializer.Serialize(objects)],
        };
    }

    [GeneratedRegex(@"^\((Get-WebBinding [^()]*)\)\.AddSslCertificate\('((?:[^']|'')*)', '([^']*)'\)$")]
    private static partial Regex AddSslCertificate();
}
