using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Pki;

/// <summary>
/// Encodes and signs OCSP responses (RFC 6960 §4.2.1) as one signer: the CA itself, or a delegated OCSP signing
/// certificate that is then sent along in <c>certs</c>. The responder ID (byKey), signature algorithm and certs are
/// encoded once; signing keys are pooled so concurrent requests neither share one key object nor load a new one.
/// </summary>
public sealed class OcspResponseWriter : IDisposable
{
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    private readonly X509Certificate2 _signer;
    private readonly byte[] _responderKeyHash;
    private readonly byte[] _signatureAlgorithm;
    private readonly byte[]? _certs;
    private readonly HashAlgorithmName _hash;
    private readonly ConcurrentBag<AsymmetricAlgorithm> _keys = [];

    /// <param name="signer">The CA or its delegated signer, carrying its private key.</param>
    /// <param name="delegated">True when <paramref name="signer"/> is not the CA: its certificate goes into the response.</param>
    public OcspResponseWriter(X509Certificate2 signer, bool delegated)
    {
        if (!signer.HasPrivateKey)
            throw new ArgumentException($"{signer.Subject} has no private key to sign with.", nameof(signer));
        _signer = signer;
        _responderKeyHash = SHA1.HashData(signer.PublicKey.EncodedKeyValue.RawData);
        var key = PkiKeys.PrivateKeyOf(signer);
        _hash = PkiKeys.SignatureHash(key);
        _signatureAlgorithm = Generator(key).GetSignatureAlgorithmIdentifier(_hash);
        _keys.Add(key);
        if (delegated)
        {
            var certs = new AsnWriter(AsnEncodingRules.DER);
            using (certs.PushSequence(Context0))
            using (certs.PushSequence())
                certs.WriteEncodedValue(signer.RawData);
            _certs = certs.Encode();
        }
    }

    /// <summary>A response without response bytes, for every status but successful.</summary>
    public static byte[] Unsuccessful(OcspResponseStatus status)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
            writer.WriteEnumeratedValue(status);
        return writer.Encode();
    }

    public byte[] Write(IReadOnlyList<(OcspCertId CertId, OcspCertificateStatus Status)> answers, byte[]? nonce, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        var tbs = ResponseData(answers, nonce, thisUpdate, nextUpdate);
        var basic = new AsnWriter(AsnEncodingRules.DER);
        using (basic.PushSequence())
        {
            basic.WriteEncodedValue(tbs);
            basic.WriteEncodedValue(_signatureAlgorithm);
            basic.WriteBitString(Sign(tbs));
            if (_certs is not null)
                basic.WriteEncodedValue(_certs);
        }
        var response = new AsnWriter(AsnEncodingRules.DER);
        using (response.PushSequence())
        {
            response.WriteEnumeratedValue(OcspResponseStatus.Successful);
            using (response.PushSequence(Context0))
            using (response.PushSequence())
            {
                response.WriteObjectIdentifier(PkiOids.OcspBasic);
                response.WriteOctetString(basic.Encode());
            }
        }
        return response.Encode();
    }

    private byte[] ResponseData(IReadOnlyList<(OcspCertId CertId, OcspCertificateStatus Status)> answers, byte[]? nonce, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)))
                writer.WriteOctetString(_responderKeyHash);
            writer.WriteGeneralizedTime(thisUpdate, omitFractionalSeconds: true);
            using (writer.PushSequence())
                foreach (var (certId, status) in answers)
                    WriteSingleResponse(writer, certId, status, thisUpdate, nextUpdate);
            if (nonce is not null)
            {
                using (writer.PushSequence(Context1))
                using (writer.PushSequence())
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(PkiOids.OcspNonce);
                    writer.WriteOctetString(nonce);
                }
            }
        }
        return writer.Encode();
    }

    private static void WriteSingleResponse(AsnWriter writer, OcspCertId certId, OcspCertificateStatus status, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(certId.Encoded);
            if (!status.IsKnown)
                writer.WriteNull(new Asn1Tag(TagClass.ContextSpecific, 2));
            else if (status.RevokedAt is { } revokedAt)
            {
                using (writer.PushSequence(Context1))
                {
                    writer.WriteGeneralizedTime(revokedAt, omitFractionalSeconds: true);
                    // As in the CRL, an unspecified reason is left out (RFC 5280 §5.3.1).
                    if (status.Reason is { } reason && reason != RevocationReason.Unspecified)
                        using (writer.PushSequence(Context0))
                            writer.WriteEnumeratedValue((X509RevocationReason)reason.Code);
                }
            }
            else
                writer.WriteNull(new Asn1Tag(TagClass.ContextSpecific, 0));
            writer.WriteGeneralizedTime(thisUpdate, omitFractionalSeconds: true);
            using (writer.PushSequence(Context0))
                writer.WriteGeneralizedTime(nextUpdate, omitFractionalSeconds: true);
        }
    }

    private byte[] Sign(byte[] tbs)
    {
        var key = _keys.TryTake(out var pooled) ? pooled : PkiKeys.PrivateKeyOf(_signer);
        try
        {
            return Generator(key).SignData(tbs, _hash);
        }
        finally
        {
            _keys.Add(key);
        }
    }

    private static X509SignatureGenerator Generator(AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec => X509SignatureGenerator.CreateForECDsa(ec),
        RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
        _ => throw new ArgumentException("Only EC and RSA keys sign OCSP responses."),
    };

    public void Dispose()
    {
        while (_keys.TryTake(out var key))
            key.Dispose();
    }
}
