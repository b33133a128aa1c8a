using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CertPortal.Pki;

/// <summary>
/// Parses a subject as people type it, most specific first (<c>CN=VPN Alice,OU=Sales,O=Contoso,C=DE</c>), into a DER
/// name in X.500 order (country first). Values may be quoted (<c>O="Contoso, Inc."</c>) or escape a comma with a
/// backslash (RFC 4514 §2.4). Only the attributes a certificate subject needs are accepted; CN is required.
/// </summary>
public static class SubjectName
{
    public static readonly IReadOnlyList<string> Attributes = ["CN", "O", "OU", "C", "L", "ST", "E"];

    // RFC 5280 Appendix A upper bounds, so a CA does not sign what strict clients refuse.
    private static readonly Dictionary<string, int> MaxLengths = new() { ["CN"] = 64, ["O"] = 64, ["OU"] = 64, ["C"] = 2, ["L"] = 128, ["ST"] = 128, ["E"] = 255 };

    public static PkiResult<X500DistinguishedName> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return PkiResult<X500DistinguishedName>.Refused("The subject is empty; write it as CN=name,O=organisation,C=country.");
        var parts = Split(text, out var error);
        if (parts is null)
            return PkiResult<X500DistinguishedName>.Refused(error!);
        var builder = new X500DistinguishedNameBuilder();
        // People write the most specific part first, as RFC 4514 §2.1 does; the builder encodes in reverse, general first.
        foreach (var (attribute, value) in parts)
        {
            var problem = Check(attribute, value);
            if (problem is not null)
                return PkiResult<X500DistinguishedName>.Refused(problem);
            Add(builder, attribute, value);
        }
        if (!parts.Any(p => p.Attribute == "CN"))
            return PkiResult<X500DistinguishedName>.Refused("The subject needs a common name (CN=...).");
        return PkiResult<X500DistinguishedName>.Ok(builder.Build());
    }

    private static string? Check(string attribute, string value)
    {
        if (!Attributes.Contains(attribute))
            return $"Unknown subject attribute '{attribute}'; use {string.Join(", ", Attributes)}.";
        if (value.Length == 0)
            return $"{attribute} has an empty value.";
        if (attribute == "C" && (value.Length != 2 || !value.All(char.IsAsciiLetter)))
            return $"C must be a two-letter country code (ISO 3166), not '{value}'.";
        if (value.Length > MaxLengths[attribute])
            return $"{attribute} is longer than {MaxLengths[attribute]} characters.";
        if (attribute == "E" && !SubjectAlternativeNames.IsEmailAddress(value))
            return $"E must be an email address, not '{value}'.";
        return null;
    }

    private static void Add(X500DistinguishedNameBuilder builder, string attribute, string value)
    {
        switch (attribute)
        {
            case "CN": builder.AddCommonName(value); break;
            case "O": builder.AddOrganizationName(value); break;
            case "OU": builder.AddOrganizationalUnitName(value); break;
            case "C": builder.AddCountryOrRegion(value.ToUpperInvariant()); break;
            case "L": builder.AddLocalityName(value); break;
            case "ST": builder.AddStateOrProvinceName(value); break;
            case "E": builder.AddEmailAddress(value); break;
        }
    }

    /// <summary>Splits on unquoted, unescaped commas into (attribute, value) pairs; null with an error for broken text.</summary>
    private static List<(string Attribute, string Value)>? Split(string text, out string? error)
    {
        var parts = new List<(string, string)>();
        var i = 0;
        while (i <= text.Length)
        {
            var equals = text.IndexOf('=', i);
            var comma = text.IndexOf(',', i);
            if (equals < 0 || comma >= 0 && comma < equals)
            {
                error = $"'{text[i..(comma < 0 ? text.Length : comma)].Trim()}' is not of the form ATTRIBUTE=value.";
                return null;
            }
            var attribute = text[i..equals].Trim().ToUpperInvariant();
            var value = ReadValue(text, equals + 1, out i, out error);
            if (value is null)
                return null;
            parts.Add((attribute, value));
            i++; // past the comma (or past the end, which ends the loop)
        }
        error = null;
        return parts;
    }

    /// <summary>Reads one value from <paramref name="start"/> up to the next unquoted comma; <paramref name="end"/> is that comma or the end.</summary>
    private static string? ReadValue(string text, int start, out int end, out string? error)
    {
        var value = new StringBuilder();
        var i = start;
        while (i < text.Length && text[i] == ' ')
            i++;
        if (i < text.Length && text[i] == '"')
        {
            var close = i + 1;
            while (close < text.Length && text[close] != '"')
            {
                if (text[close] == '\\' && close + 1 < text.Length)
                    close++;
                value.Append(text[close++]);
            }
            if (close >= text.Length)
                return Fail("A quoted value is not closed with \".", out end, out error);
            i = close + 1;
            while (i < text.Length && text[i] == ' ')
                i++;
            if (i < text.Length && text[i] != ',')
                return Fail($"Unexpected text after the quoted value \"{value}\".", out end, out error);
            (end, error) = (i, null);
            return value.ToString();
        }
        for (; i < text.Length && text[i] != ','; i++)
        {
            if (text[i] == '\\')
            {
                if (++i == text.Length)
                    return Fail("A value ends with a lone backslash.", out end, out error);
            }
            value.Append(text[i]);
        }
        (end, error) = (i, null);
        return value.ToString().TrimEnd();
    }

    private static string? Fail(string message, out int end, out string? error)
    {
        (end, error) = (0, message);
        return null;
    }
}
