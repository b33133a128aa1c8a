using System.Formats.Asn1;

namespace CertPortal.Pki;

/// <summary>
/// Reads just enough of an OCSP request to answer it from a pre-signed answer: one CertID, no extensions (so no
/// nonce), no signature (RFC 5019 §2.1). Works on spans and allocates nothing; anything else reads as "not plain"
/// and goes to <see cref="OcspRequestReader"/>, which reads it whole.
/// </summary>
public static class PlainOcspRequest
{
    private const AsnEncodingRules Der = AsnEncodingRules.DER;
    private static readonly Asn1Tag Version = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag RequestorName = new(TagClass.ContextSpecific, 1, isConstructed: true);

    /// <summary>Where the one CertID of a plain request lies in <paramref name="der"/>; false for any other request.</summary>
    public static bool TryFindCertId(ReadOnlySpan<byte> der, out Range certId)
    {
        certId = default;
        try
        {
            AsnDecoder.ReadSequence(der, Der, out var requestAt, out var requestLength, out var consumed);
            if (consumed != der.Length)
                return false;
            var request = der.Slice(requestAt, requestLength);
            AsnDecoder.ReadSequence(request, Der, out var tbsAt, out var tbsLength, out consumed);
            if (consumed != request.Length)
                return false; // optionalSignature follows
            var tbs = request.Slice(tbsAt, tbsLength);
            var tbsStart = requestAt + tbsAt;
            var at = 0;
            foreach (var optional in (ReadOnlySpan<Asn1Tag>)[Version, RequestorName])
                if (at < tbs.Length && Asn1Tag.Decode(tbs[at..], out _).HasSameClassAndValue(optional))
                {
                    AsnDecoder.ReadEncodedValue(tbs[at..], Der, out _, out _, out consumed);
                    at += consumed;
                }
            AsnDecoder.ReadSequence(tbs[at..], Der, out var listAt, out var listLength, out consumed);
            if (at + consumed != tbs.Length)
                return false; // requestExtensions follow: a nonce, or something else to look at
            var list = tbs.Slice(at + listAt, listLength);
            AsnDecoder.ReadSequence(list, Der, out var oneAt, out var oneLength, out consumed);
            if (consumed != list.Length)
                return false; // more than one certificate asked about
            var one = list.Slice(oneAt, oneLength);
            AsnDecoder.ReadEncodedValue(one, Der, out _, out _, out consumed);
            if (consumed != one.Length)
                return false; // singleRequestExtensions
            var start = tbsStart + at + listAt + oneAt;
            certId = start..(start + consumed);
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Decodes the request of <c>GET {url}/{base64}</c> (RFC 6960 Appendix A) from the path after the responder's URL,
    /// URL-encoded or not, base64 or base64url, padded or not; false when it does not fit <paramref name="destination"/>.
    /// </summary>
    public static bool TryDecodeGetPath(ReadOnlySpan<char> path, Span<char> scratch, Span<byte> destination, out int written)
    {
        written = 0;
        var length = 0;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '%' && i + 2 < path.Length && byte.TryParse(path.Slice(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var escaped))
            {
                c = (char)escaped;
                i += 2;
            }
            if (c == '/' && length == 0)
                continue; // the separator after "ocsp"; a '/' later is base64 (a DER request starts "MI" or "MH")
            if (length == scratch.Length)
                return false;
            scratch[length++] = c switch { '-' => '+', '_' => '/', _ => c };
        }
        while (length % 4 != 0 && length < scratch.Length)
            scratch[length++] = '=';
        return Convert.TryFromBase64Chars(scratch[..length], destination, out written);
    }
}
