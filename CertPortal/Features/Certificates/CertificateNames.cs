using System.Globalization;
using System.Net;
using CertPortal.Common;

namespace CertPortal.Features.Certificates;

/// <summary>
/// Checks the names of a certificate request the way a public CA would (RFC 1035 host names, RFC 8555 §7.1.3
/// wildcards only as the whole left-most label) so a bad name is refused here, not after an order was created.
/// </summary>
public static class CertificateNames
{
    public const int MaxNames = 100;

    // Special-use names (RFC 6761, RFC 8375, RFC 7686) no CA will issue for.
    private static readonly string[] Reserved = ["localhost", "invalid", "local", "arpa", "onion", "internal", "home.arpa"];

    /// <summary>Lower-cased, de-duplicated names with the common name first; errors name the field that is wrong.</summary>
    public static List<string> Normalize(string? commonName, IReadOnlyList<string>? sans, string challengeType, Validation check)
    {
        var names = new List<string>();
        var cn = commonName?.Trim().TrimEnd('.').ToLowerInvariant();
        if (string.IsNullOrEmpty(cn))
            check.Add("commonName", "Common name is required.");
        else if (Problem(cn, challengeType) is { } problem)
            check.Add("commonName", problem);
        else
            names.Add(cn);

        var seen = new HashSet<string>(names);
        for (var i = 0; i < (sans?.Count ?? 0); i++)
        {
            var san = sans![i]?.Trim().TrimEnd('.').ToLowerInvariant();
            if (string.IsNullOrEmpty(san))
                check.Add($"subjectAlternativeNames[{i}]", "A name is empty.");
            else if (Problem(san, challengeType) is { } problem)
                check.Add($"subjectAlternativeNames[{i}]", problem);
            else if (!seen.Add(san))
            {
                // The common name is always a SAN too, so repeating it is harmless; any other repeat is a typo worth saying.
                if (san != cn)
                    check.Add($"subjectAlternativeNames[{i}]", $"{san} is listed twice.");
            }
            else
                names.Add(san);
        }
        if (names.Count > MaxNames)
            check.Add("subjectAlternativeNames", $"A certificate can hold at most {MaxNames} names; this request has {names.Count}.");
        return names;
    }

    /// <summary>Why <paramref name="name"/> cannot be in a certificate, or null when it can.</summary>
    public static string? Problem(string name, string challengeType)
    {
        if (IPAddress.TryParse(name, out _))
            return $"{name} is an IP address; ACME DNS-01 and HTTP-01 certify host names only.";
        var host = name;
        if (name.StartsWith("*.", StringComparison.Ordinal))
        {
            if (challengeType == "http-01")
                return $"{name} is a wildcard; wildcards can only be validated with DNS-01.";
            host = name[2..];
        }
        if (host.Contains('*'))
            return $"{name}: a wildcard may only be the whole left-most label, as in *.example.com.";
        if (host.Length > 253)
            return $"{name} is longer than 253 characters.";
        string ascii;
        try
        {
            ascii = new IdnMapping().GetAscii(host);
        }
        catch (ArgumentException)
        {
            return $"{name} is not a valid host name.";
        }
        var labels = ascii.Split('.');
        if (labels.Length < 2)
            return $"{name} is not a fully qualified domain name.";
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63)
                return $"{name} has an empty label or one longer than 63 characters.";
            if (label.StartsWith('-') || label.EndsWith('-') || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                return $"{name} is not a valid host name (letters, digits and inner hyphens only).";
        }
        if (Reserved.Any(r => ascii == r || ascii.EndsWith("." + r, StringComparison.Ordinal)))
            return $"{name} is a reserved name that no public CA issues for.";
        if (labels[^1].All(char.IsAsciiDigit))
            return $"{name} ends in a numeric label, which is not a top-level domain.";
        return null;
    }
}
