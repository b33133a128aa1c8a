using System.Text.Json;
using CertPortal.Features.AcmeServer.Eab;
using CertPortal.Pki;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>
/// Reads newOrder's identifiers and holds them to the policy: DNS names only, within the EAB key's domains and the
/// CA's name constraints. Refusals name the first offending identifier with the RFC's error type.
/// </summary>
public static class AcmeIdentifiers
{
    private const int MaxIdentifiers = 100;

    public static List<string> Read(JsonElement payload, AcmeEabKey policy, DnsNameConstraints? constraints)
    {
        if (!payload.TryGetProperty("identifiers", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            throw AcmeRefusal.Malformed("newOrder needs a non-empty identifiers array.");
        if (list.GetArrayLength() > MaxIdentifiers)
            throw new AcmeRefusal("rejectedIdentifier", $"At most {MaxIdentifiers} identifiers per order.");
        var names = new List<string>();
        foreach (var identifier in list.EnumerateArray())
        {
            var type = identifier.TryGetProperty("type", out var t) ? t.GetString() : null;
            var value = identifier.TryGetProperty("value", out var v) ? v.GetString()?.Trim().TrimEnd('.').ToLowerInvariant() : null;
            if (type != "dns")
                throw new AcmeRefusal("unsupportedIdentifier", $"Identifier type '{type}' is not supported here; only dns names are.");
            if (string.IsNullOrEmpty(value))
                throw AcmeRefusal.Malformed("An identifier has no value.");
            var bare = value.StartsWith("*.", StringComparison.Ordinal) ? value[2..] : value;
            if (!SubjectAlternativeNames.IsDnsName(bare) || bare.Contains('*'))
                throw new AcmeRefusal("rejectedIdentifier", $"'{value}' is not a DNS name this CA issues for.");
            if (policy.AllowedDomains.Count > 0 && !policy.AllowedDomains.Any(d => bare == d || bare.EndsWith("." + d, StringComparison.Ordinal)))
                throw new AcmeRefusal("rejectedIdentifier", $"'{value}' is outside the domains this account may order for ({string.Join(", ", policy.AllowedDomains)}).");
            if (constraints is not null && !constraints.Allows(value))
                throw new AcmeRefusal("rejectedIdentifier", $"'{value}' lies outside the CA's name constraints.");
            if (!names.Contains(value))
                names.Add(value);
        }
        return names;
    }

    /// <summary>The profile asked for, default when none; an unknown one is invalidProfile (draft-ietf-acme-profiles).</summary>
    public static string Profile(JsonElement payload)
    {
        if (!payload.TryGetProperty("profile", out var profile) || profile.ValueKind == JsonValueKind.Null)
            return AcmeProfiles.Default;
        var name = profile.GetString() ?? "";
        return AcmeProfiles.Exists(name)
            ? name
            : throw new AcmeRefusal("invalidProfile", $"There is no profile '{name}'; the directory offers {string.Join(", ", AcmeProfiles.Descriptions.Keys)}.");
    }
}
