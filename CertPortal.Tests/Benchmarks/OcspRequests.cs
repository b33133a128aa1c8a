using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Tests.Benchmarks;

/// <summary>
/// OCSP requests (RFC 6960 §4.1.1) for arbitrary serials of one issuer, as a client such as <c>openssl ocsp</c> sends
/// them: one SHA-1 CertID and, optionally, a fresh nonce (RFC 8954).
/// </summary>
public sealed class OcspRequests(X509Certificate2 issuer)
{
    private readonly byte[] _nameHash = SHA1.HashData(issuer.SubjectName.RawData);
    private readonly byte[] _keyHash = SHA1.HashData(issuer.PublicKey.EncodedKeyValue.RawData);

    public byte[] For(byte[] serial, bool nonce)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            using (writer.PushSequence())
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("1.3.14.3.2.26");
                    writer.WriteNull();
                }
                writer.WriteOctetString(_nameHash);
                writer.WriteOctetString(_keyHash);
                writer.WriteIntegerUnsigned(serial);
            }
            if (nonce)
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2)))
                using (writer.PushSequence())
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("1.3.6.1.5.5.7.48.1.2");
                    var inner = new AsnWriter(AsnEncodingRules.DER);
                    inner.WriteOctetString(RandomNumberGenerator.GetBytes(16));
                    writer.WriteOctetString(inner.Encode());
                }
        }
        return writer.Encode();
    }

    /// <summary>True when the answer is an OCSPResponse with responseStatus successful (0).</summary>
    public static bool IsSuccessful(byte[] response)
    {
        try
        {
            var sequence = new AsnReader(response, AsnEncodingRules.DER).ReadSequence();
            return sequence.ReadEnumeratedBytes().Span is [0];
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
