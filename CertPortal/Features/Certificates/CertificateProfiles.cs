using System.Text.RegularExpressions;

namespace CertPortal.Features.Certificates;

/// <summary>
/// A certificate's ACME profile name (draft-ietf-acme-profiles): a short token as CAs publish them in
/// <c>meta.profiles</c> (<c>classic</c>, <c>tlsserver</c>, <c>shortlived</c>). Which names a CA offers is checked
/// before each order, since the CA may change its list.
/// </summary>
public static partial class CertificateProfiles
{
    public const int MaxLength = 64;

    public const string Rule = "Profile must be a short name (letters, digits, '.', '_' or '-', at most 64) as the CA lists it, or empty for the CA's default.";

    /// <summary>Blank means the CA's default.</summary>
    public static string? Normalize(string? profile) => string.IsNullOrWhiteSpace(profile) ? null : profile.Trim();

    public static bool IsToken(string profile) => profile.Length <= MaxLength && Token().IsMatch(profile);

    /// <summary>The CA's offer as a technician reads it: "classic, shortlived" or "no profiles".</summary>
    public static string Describe(IReadOnlyDictionary<string, string>? offered) =>
        offered is { Count: > 0 } ? string.Join(", ", offered.Keys.Order(StringComparer.Ordinal)) : "no profiles";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex Token();
}
