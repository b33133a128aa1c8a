using System.Net;

namespace CertPortal.Features.Certificates.Planning;

/// <summary>
/// The registered domain a CA counts a name under: the last two labels, or three under a common two-level public
/// suffix (co.uk, com.au, ...). A short list, not the Public Suffix List: a name under a suffix it misses is counted
/// one level too high, which only makes the planner more careful. An IP address counts as itself.
/// </summary>
public static class RegisteredDomain
{
    private static readonly HashSet<string> TwoLevelSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "ac.uk", "gov.uk", "net.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au", "co.nz", "org.nz", "net.nz",
        "co.jp", "ne.jp", "or.jp", "co.kr", "co.za", "org.za", "co.in", "net.in", "org.in",
        "com.br", "net.br", "org.br", "com.cn", "net.cn", "org.cn", "com.mx", "com.ar", "com.tr",
        "com.sg", "com.hk", "com.tw", "co.il", "co.id", "com.my", "com.pl", "co.at", "or.at",
    };

    public static string Of(string name)
    {
        var host = name.Trim().TrimEnd('.').ToLowerInvariant();
        if (host.StartsWith("*.", StringComparison.Ordinal))
            host = host[2..];
        if (IPAddress.TryParse(host, out _))
            return host;
        var labels = host.Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (labels.Length <= 2)
            return string.Join('.', labels);
        var take = TwoLevelSuffixes.Contains($"{labels[^2]}.{labels[^1]}") ? 3 : 2;
        return string.Join('.', labels[^take..]);
    }
}
