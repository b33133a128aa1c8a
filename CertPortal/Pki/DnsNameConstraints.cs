using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Pki;

/// <summary>
/// Name constraints on a CA for DNS names (RFC 5280 §4.2.1.10): a name is allowed when it lies in some permitted
/// subtree (or none are given) and in no excluded one. <c>example.com</c> covers the domain and every name under it;
/// <c>.example.com</c> only the names under it, as OpenSSL reads it.
/// </summary>
public sealed record DnsNameConstraints(IReadOnlyList<string> Permitted, IReadOnlyList<string> Excluded)
{
    public static PkiResult<DnsNameConstraints> Create(IEnumerable<string>? permitted, IEnumerable<string>? excluded)
    {
        var p = Normalise(permitted);
        var e = Normalise(excluded);
        var bad = p.Concat(e).FirstOrDefault(n => !SubjectAlternativeNames.IsDnsName(n.TrimStart('.')) || n.Contains('*'));
        if (bad is not null)
            return PkiResult<DnsNameConstraints>.Refused($"'{bad}' is not a DNS name a constraint can hold.");
        if (p.Count + e.Count == 0)
            return PkiResult<DnsNameConstraints>.Refused("Name constraints need at least one permitted or excluded DNS name.");
        return PkiResult<DnsNameConstraints>.Ok(new DnsNameConstraints(p, e));
    }

    /// <summary>The CA certificate's DNS name constraints, or null when it has none.</summary>
    public static DnsNameConstraints? Of(X509Certificate2 ca)
    {
        var extension = ca.Extensions[PkiOids.NameConstraints];
        if (extension is null)
            return null;
        var constraints = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        var (permitted, excluded) = (new List<string>(), new List<string>());
        while (constraints.HasData)
        {
            var tag = constraints.PeekTag();
            var subtrees = constraints.ReadSequence(tag);
            while (subtrees.HasData)
            {
                var subtree = subtrees.ReadSequence();
                var baseTag = subtree.PeekTag();
                if (baseTag is { TagClass: TagClass.ContextSpecific, TagValue: 2 })
                    (tag.TagValue == 0 ? permitted : excluded).Add(subtree.ReadCharacterString(UniversalTagNumber.IA5String, baseTag).ToLowerInvariant());
            }
        }
        return new DnsNameConstraints(permitted, excluded);
    }

    /// <summary>A wildcard name is matched as written (<c>*.example.com</c> lies under example.com), as verifiers do.</summary>
    public bool Allows(string dnsName)
    {
        var name = dnsName.TrimEnd('.').ToLowerInvariant();
        return (Permitted.Count == 0 || Permitted.Any(p => Within(name, p))) && !Excluded.Any(e => Within(name, e));
    }

    /// <summary>Critical, as RFC 5280 requires of this extension.</summary>
    public X509Extension ToExtension()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            WriteSubtrees(writer, 0, Permitted);
            WriteSubtrees(writer, 1, Excluded);
        }
        return new X509Extension(PkiOids.NameConstraints, writer.Encode(), critical: true);
    }

    private static void WriteSubtrees(AsnWriter writer, int tag, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
            return;
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, tag, isConstructed: true)))
            foreach (var name in names)
                using (writer.PushSequence())
                    writer.WriteCharacterString(UniversalTagNumber.IA5String, name, new Asn1Tag(TagClass.ContextSpecific, 2));
    }

    private static bool Within(string name, string constraint) => constraint.StartsWith('.')
        ? name.EndsWith(constraint, StringComparison.Ordinal)
        : name == constraint || name.EndsWith("." + constraint, StringComparison.Ordinal);

    private static List<string> Normalise(IEnumerable<string>? names) =>
        (names ?? []).OfType<string>().Select(n => n.Trim().TrimEnd('.').ToLowerInvariant()).Where(n => n.Length > 0).Distinct().ToList();
}
