using System.Collections.Concurrent;
using System.Formats.Asn1;

namespace CertPortal.Pki;

/// <summary>
/// Answers signed ahead of time for one CA, one per certificate it issued, for requests without a nonce (RFC 5019:
/// what browsers, Windows and VPN gateways send). They are keyed by the SHA-1 CertID RFC 5019 §2.1.1 has clients
/// send, and each remembers the state it was signed for: an answer is only served while the CA still says that state,
/// so a revocation is never answered from a "good" signed before it.
/// </summary>
public sealed class OcspPreSignedAnswers(byte[] issuerNameSha1, byte[] issuerKeySha1, OcspResponseWriter writer, TimeSpan validity, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, PreSigned> _answers = new();

    public int Count => _answers.Count;

    /// <summary>When the oldest answer held was signed; null when none is.</summary>
    public DateTimeOffset? OldestThisUpdate => _answers.IsEmpty ? null : _answers.Values.Min(a => a.Reply.ThisUpdate);

    /// <summary>The answer for this CertID (as sent, in hex) if one is held for <paramref name="status"/> and not past half its validity.</summary>
    public OcspReply? Find(string certIdHex, OcspCertificateStatus status)
    {
        if (!_answers.TryGetValue(certIdHex, out var held) || held.Status != status || clock.GetUtcNow() >= held.Reply.ThisUpdate + validity / 2)
            return null;
        return held.Reply;
    }

    /// <summary>Signs the answer for <paramref name="serialHex"/> unless a fresh one for the same state is held; true when it signed.</summary>
    public bool Sign(string serialHex, OcspCertificateStatus status)
    {
        if (SerialNumber.FromHex(serialHex) is not { } serial)
            return false;
        var certId = CertId(serial);
        var key = Convert.ToHexString(certId.Encoded);
        if (Find(key, status) is not null)
            return false;
        var now = clock.GetUtcNow();
        var thisUpdate = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var nextUpdate = thisUpdate + validity;
        var der = writer.Write([(certId, status)], null, thisUpdate, nextUpdate);
        _answers[key] = new PreSigned(status, new OcspReply(der, OcspResponseStatus.Successful, thisUpdate, nextUpdate, FromCache: true));
        return true;
    }

    /// <summary>Drops the answers of serials the CA no longer knows (e.g. after a restore).</summary>
    public void KeepOnly(IReadOnlySet<string> certIdHexes)
    {
        foreach (var key in _answers.Keys)
            if (!certIdHexes.Contains(key))
                _answers.TryRemove(key, out _);
    }

    /// <summary>The CertID a client builds per RFC 5019: SHA-1 with NULL parameters, the issuer's hashes, the serial.</summary>
    public OcspCertId CertId(byte[] serial)
    {
        var der = new AsnWriter(AsnEncodingRules.DER);
        using (der.PushSequence())
        {
            using (der.PushSequence())
            {
                der.WriteObjectIdentifier(PkiOids.Sha1);
                der.WriteNull();
            }
            der.WriteOctetString(issuerNameSha1);
            der.WriteOctetString(issuerKeySha1);
            der.WriteInteger(serial);
        }
        return new OcspCertId(PkiOids.Sha1, issuerNameSha1, issuerKeySha1, serial, der.Encode());
    }

    public string KeyOf(string serialHex) => SerialNumber.FromHex(serialHex) is { } serial ? Convert.ToHexString(CertId(serial).Encoded) : "";

    private sealed record PreSigned(OcspCertificateStatus Status, OcspReply Reply);
}
