using System.Formats.Asn1;

namespace CertPortal.Pki;

/// <summary>
/// Reads an OCSP request (RFC 6960 §4.1.1) from a POST body or a GET path (Appendix A: URL-encoded base64 of the
/// DER). Anything else, including trailing bytes, is malformed and reads as null: bad input never throws.
/// </summary>
public static class OcspRequestReader
{
    // A client asks about one certificate, a few at most; more is abuse that would cost a signature each.
    public const int MaxCertIds = 20;

    public static OcspRequest? Read(ReadOnlyMemory<byte> der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var request = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            var tbs = request.ReadSequence();
            // The optional requester signature [0] is not checked: answers are public (RFC 6960 §4.1.2).
            if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
                tbs.ReadEncodedValue(); // version, v1 only
            if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
                tbs.ReadEncodedValue(); // requestorName
            var certIds = ReadRequestList(tbs.ReadSequence());
            byte[]? nonce = null;
            if (tbs.HasData)
                nonce = ReadNonce(tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 2)).ReadSequence());
            tbs.ThrowIfNotEmpty();
            return certIds.Count is 0 or > MaxCertIds ? null : new OcspRequest(certIds, nonce);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    /// <summary>The request in a GET path segment (after <c>/ocsp/</c>), URL-encoded or not; null when it is not base64 of a request.</summary>
    public static OcspRequest? ReadGetPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > 4096)
            return null;
        try
        {
            // Only leading slashes are dropped: a trailing '/' (or '_') can be the last base64 digit of a request.
            var base64 = Uri.UnescapeDataString(path).Replace('-', '+').Replace('_', '/').TrimStart('/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            return Read(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static List<OcspCertId> ReadRequestList(AsnReader list)
    {
        var certIds = new List<OcspCertId>();
        while (list.HasData && certIds.Count <= MaxCertIds)
        {
            var request = list.ReadSequence();
            var encoded = request.PeekEncodedValue().ToArray();
            var certId = request.ReadSequence();
            var algorithm = certId.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            var nameHash = certId.ReadOctetString();
            var keyHash = certId.ReadOctetString();
            var serial = certId.ReadIntegerBytes().ToArray();
            certId.ThrowIfNotEmpty();
            certIds.Add(new OcspCertId(oid, nameHash, keyHash, serial, encoded));
        }
        return certIds;
    }

    /// <summary>The value of the nonce extension, kept whole so the answer carries exactly what was sent.</summary>
    private static byte[]? ReadNonce(AsnReader extensions)
    {
        byte[]? nonce = null;
        while (extensions.HasData)
        {
            var extension = extensions.ReadSequence();
            var oid = extension.ReadObjectIdentifier();
            if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
                extension.ReadBoolean();
            var value = extension.ReadOctetString();
            if (oid == PkiOids.OcspNonce)
                nonce = value;
        }
        return nonce;
    }
}
