using System.Net;
using System.Text.RegularExpressions;

namespace CertPortal.Features.Endpoints;

/// <summary>What a host, a server name and a port may be: an IP address or a DNS name as written (never looked up here).</summary>
public static partial class EndpointAddress
{
    public const int MaxHostLength = 253;

    public static bool IsIp(string host) => IPAddress.TryParse(host, out _);

    /// <summary>A DNS name (RFC 1123 labels, no wildcard) or an IP address; null when valid, else why not.</summary>
    public static string? HostProblem(string? host, string label)
    {
        if (string.IsNullOrWhiteSpace(host))
            return $"{label} is required.";
        if (host.Length > MaxHostLength)
            return $"{label} must be at most {MaxHostLength} characters.";
        // A name's last label is never all digits (RFC 3696 §2): "10.0.0.1-10.0.0.9" is a range someone typed, not a name.
        return IsIp(host) || DnsName().IsMatch(host) && !host.TrimEnd('.').Split('.')[^1].All(char.IsAsciiDigit)
            ? null : $"{label} '{host}' is neither an IP address nor a DNS name.";
    }

    public static string? PortProblem(int port) => port is >= 1 and <= 65535 ? null : $"Port {port} is not between 1 and 65535.";

    /// <summary>Lowercase, without a trailing dot: how a host is stored and compared.</summary>
    public static string Normalize(string host) => host.Trim().TrimEnd('.').ToLowerInvariant();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.IgnoreCase)]
    private static partial Regex DnsName();
}
