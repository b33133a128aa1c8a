using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Pki;

/// <summary>
/// The names a certificate is for besides its subject (RFC 5280 §4.2.1.6): DNS names, IP addresses, email addresses
/// (rfc822Name) and URIs. Read from what people type (<c>dns:</c>, <c>ip:</c>, <c>email:</c>, <c>uri:</c> prefixes,
/// or guessed from the shape) and from a CSR's extension.
/// </summary>
public sealed record SubjectAlternativeNames(IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> IpAddresses, IReadOnlyList<string> Emails, IReadOnlyList<Uri> Uris)
{
    public static readonly SubjectAlternativeNames None = new([], [], [], []);

    public bool IsEmpty => DnsNames.Count + IpAddresses.Count + Emails.Count + Uris.Count == 0;

    public static PkiResult<SubjectAlternativeNames> Parse(IEnumerable<string>? entries)
    {
        var (dns, ips, emails, uris) = (new List<string>(), new List<IPAddress>(), new List<string>(), new List<Uri>());
        foreach (var raw in entries ?? [])
        {
            if (raw is null)
                return PkiResult<SubjectAlternativeNames>.Refused("A subject alternative name is null; give each one as text.");
            var entry = raw.Trim();
            if (entry.Length == 0)
                continue;
            var colon = entry.IndexOf(':');
            var prefix = colon > 0 ? entry[..colon].ToLowerInvariant() : "";
            var value = prefix is "dns" or "ip" or "email" or "uri" ? entry[(colon + 1)..].Trim() : entry;
            if (prefix is not ("dns" or "ip" or "email" or "uri"))
                prefix = IPAddress.TryParse(entry, out _) ? "ip" : entry.Contains("://", StringComparison.Ordinal) ? "uri" : entry.Contains('@') ? "email" : "dns";
            switch (prefix)
            {
                case "ip" when IPAddress.TryParse(value, out var ip):
                    ips.Add(ip);
                    break;
                case "uri" when Uri.TryCreate(value, UriKind.Absolute, out var uri):
                    uris.Add(uri);
                    break;
                case "email" when IsEmailAddress(value):
                    emails.Add(value);
                    break;
                case "dns" when IsDnsName(value):
                    dns.Add(value.TrimEnd('.').ToLowerInvariant());
                    break;
                default:
                    return PkiResult<SubjectAlternativeNames>.Refused($"'{entry}' is not a valid {Describe(prefix)}.");
            }
        }
        return PkiResult<SubjectAlternativeNames>.Ok(new SubjectAlternativeNames(dns.Distinct().ToList(), ips.Distinct().ToList(), emails.Distinct().ToList(), uris.Distinct().ToList()));
    }

    /// <summary>Reads a subjectAltName extension's value (GeneralNames); other name forms are ignored.</summary>
    public static SubjectAlternativeNames Read(ReadOnlyMemory<byte> extensionValue)
    {
        var (dns, ips, emails, uris) = (new List<string>(), new List<IPAddress>(), new List<string>(), new List<Uri>());
        var names = new AsnReader(extensionValue, AsnEncodingRules.DER).ReadSequence();
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific)
            {
                names.ReadEncodedValue();
                continue;
            }
            switch (tag.TagValue)
            {
                case 1: emails.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag)); break;
                case 2: dns.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag)); break;
                case 6 when Uri.TryCreate(names.ReadCharacterString(UniversalTagNumber.IA5String, tag), UriKind.Absolute, out var uri): uris.Add(uri); break;
                case 7: ips.Add(new IPAddress(names.ReadOctetString(tag))); break;
                default: names.ReadEncodedValue(); break;
            }
        }
        return new SubjectAlternativeNames(dns, ips, emails, uris);
    }

    public X509Extension ToExtension(bool critical)
    {
        var builder = new SubjectAlternativeNameBuilder();
        foreach (var name in DnsNames)
            builder.AddDnsName(name);
        foreach (var ip in IpAddresses)
            builder.AddIpAddress(ip);
        foreach (var email in Emails)
            builder.AddEmailAddress(email);
        foreach (var uri in Uris)
            builder.AddUri(uri);
        return builder.Build(critical);
    }

    public static bool IsEmailAddress(string value)
    {
        var at = value.IndexOf('@');
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && !value.Any(char.IsWhiteSpace) && IsDnsName(value[(at + 1)..]);
    }

    /// <summary>
    /// Letters, digits and hyphens in labels of 1-63 characters (RFC 1123), a wildcard only as the whole leftmost label.
    /// Internationalised names are written in their xn-- form (the portal runs with invariant globalization).
    /// </summary>
    public static bool IsDnsName(string value)
    {
        var name = value.TrimEnd('.');
        if (name.Length is 0 or > 253)
            return false;
        var labels = name.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (i == 0 && label == "*" && labels.Length > 2)
                continue;
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
                return false;
            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                return false;
        }
        return true;
    }

    private static string Describe(string prefix) => prefix switch
    {
        "ip" => "IP address",
        "uri" => "absolute URI",
        "email" => "email address",
        _ => "DNS name",
    };
}
