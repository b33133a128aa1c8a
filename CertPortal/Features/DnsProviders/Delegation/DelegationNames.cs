using System.Security.Cryptography;
using System.Text;

namespace CertPortal.Features.DnsProviders.Delegation;

/// <summary>The names of a CNAME delegation: the customer's <c>_acme-challenge</c> record and its target in the MSP's zone.</summary>
public static class DelegationNames
{
    private const int MaxLabel = 63;

    /// <summary>The domain in lower case without a trailing dot or a leading <c>*.</c> (a wildcard is proven at its base name); null if it is not a DNS name.</summary>
    public static string? Normalize(string? domain)
    {
        var name = domain?.Trim().TrimEnd('.').ToLowerInvariant() ?? "";
        if (name.StartsWith("*.", StringComparison.Ordinal))
            name = name[2..];
        var labels = name.Split('.');
        return name.Length is > 0 and <= 253 && labels.Length >= 2 && labels.All(IsLabel) ? name : null;
    }

    public static string RecordName(string domain) => $"_acme-challenge.{domain}";

    /// <summary>
    /// One label per domain under the MSP's zone, e.g. <c>www-contoso-com.acme.msp.example</c>: deterministic, so the
    /// same domain always gets the same target; a name too long for one label keeps its start and a hash of the rest.
    /// </summary>
    public static string Target(string domain, string zone)
    {
        var label = domain.Replace('.', '-');
        if (label.Length > MaxLabel)
            label = $"{label[..54].TrimEnd('-')}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(domain)))[..8]}";
        return $"{label}.{zone.Trim().TrimEnd('.').ToLowerInvariant()}";
    }

    public static bool IsInside(string name, string zone)
    {
        var (n, z) = (name.TrimEnd('.'), zone.Trim().TrimEnd('.'));
        return n.Equals(z, StringComparison.OrdinalIgnoreCase) || n.EndsWith("." + z, StringComparison.OrdinalIgnoreCase);
    }

    // Letters, digits and inner hyphens (RFC 1123); international names in their xn-- form.
    private static bool IsLabel(string label) => label.Length is > 0 and <= MaxLabel
        && label.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-') && label[0] != '-' && label[^1] != '-';
}
