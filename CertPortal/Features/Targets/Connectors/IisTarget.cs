using System.Net;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// An iis target's settings, read and checked once: the SSH login (shared with the ssh connector, same host-key pin)
/// and which https bindings of which site get the certificate.
/// </summary>
internal sealed record IisTarget(SshTarget Login, string SiteName, string? HostName, string IpAddress, int HttpsPort, bool Sni)
{
    public string Address => Login.Address;

    public static IisTarget From(TargetSettings settings)
    {
        var login = SshTarget.From(settings);
        var hostName = settings.Optional("hostName")?.Trim().ToLowerInvariant();
        if (hostName is not null && !hostName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '*'))
            throw new TargetException($"hostName '{hostName}' is not a host name (letters, digits, '.', '-', a leading '*.').");
        var ip = settings.Optional("ipAddress")?.Trim() ?? "*";
        if (ip != "*" && !IPAddress.TryParse(ip.Trim('[', ']'), out _))
            throw new TargetException($"ipAddress '{ip}' is neither * nor an IP address.");
        var port = settings.Port("httpsPort", 443);
        if (port is < 1 or > 65535)
            throw new TargetException($"httpsPort {port} is not a TCP port.");
        var sni = settings.Flag("sni", fallback: hostName is not null);
        if (sni && hostName is null)
            throw new TargetException("sni needs hostName: IIS selects an SNI binding by its host name.");
        return new IisTarget(login, settings.Required("siteName").Trim(), hostName, ip, port, sni);
    }

    /// <summary>The binding the certificate goes to when the site has none that matches.</summary>
    public string NewBindingInformation => $"{IpAddress}:{HttpsPort}:{HostName}";

    /// <summary>With a host name: the binding with that host, IP and port. Without: every https binding of the site.</summary>
    public bool Matches(IisBinding binding) => HostName is null || (
        string.Equals(binding.HostName, HostName, StringComparison.OrdinalIgnoreCase) && binding.Port == HttpsPort &&
        string.Equals(binding.IpAddress, IpAddress, StringComparison.OrdinalIgnoreCase));

    public string Describe => HostName is null ? $"every https binding of site '{SiteName}'" : $"binding {NewBindingInformation} of site '{SiteName}'";
}
