using System.Collections.Concurrent;
using System.Formats.Asn1;

namespace CertPortal.Pki;

/// <summary>
/// Answers signed ahead of time for one CA, one per certificate it issued, for requests without a nonce (RFC 5019:
/// what browsers, Windows and VPN gateways send). They are keyed by the SHA-1 CertID RFC 5019 §2.1.1 has clients
/// send, and each remembers the state it was signed for.
/// <para>
/// They are served straight (<see cref="TryServe"/>, no state lookup) only while they are <em>trusted</em>: a change of
/// the CA's states (an issue or revocation here or on another instance) distrusts them at once, and only a pre-signing
/// run that began after the last change trusts them again. Until then every request goes the long way, which looks the
/// state up, so a revocation is never answered from a "good" signed before it.
/// </para>
/// </summary>
public sealed class OcspPreSignedAnswers(byte[] issuerNameSha1, byte[] issuerKeySha1, OcspResponseWriter writer, TimeSpan validity, TimeProvider clock)
{
    // A SHA-1 CertID with a 20-octet serial is 59 octets; twice that in hex, with room to spare.
    private const int MaxCertIdLength = 128;

    private readonly ConcurrentDictionary<string, PreSignedOcspAnswer> _answers = new(StringComparer.Ordinal);
    private long _generation;
    private long _trustedGeneration = -1;

    public int Count => _answers.Count;

    /// <summary>When the oldest answer held was signed; null when none is.</summary>
    public DateTimeOffset? OldestThisUpdate => _answers.IsEmpty ? null : _answers.Values.Min(a => a.Reply.ThisUpdate);

    /// <summary>Whether the answers match the CA's states as of the last change, so they may be served without a lookup.</summary>
    public bool Trusted => Volatile.Read(ref _trustedGeneration) == Volatile.Read(ref _generation);

    /// <summary>The current generation; a pre-signing run takes it before it reads the states.</summary>
    public long Generation => Volatile.Read(ref _generation);

    /// <summary>The CA's states changed: serve nothing without a lookup until a run that began after now is done.</summary>
    public void Distrust() => Interlocked.Increment(ref _generation);

    /// <summary>A run that took <paramref name="generation"/> signed every answer: trusted again unless a change came since.</summary>
    public void TrustAsOf(long generation) => Volatile.Write(ref _trustedGeneration, generation);

    /// <summary>
    /// The answer for a CertID (its DER as sent) when the answers are trusted and it is not past half its validity; the
    /// hot path of a request without a nonce: a hex key on the stack and one dictionary lookup.
    /// </summary>
    public bool TryServe(ReadOnlySpan<byte> certId, out PreSignedOcspAnswer answer)
    {
        answer = null!;
        if (!Trusted || certId.Length > MaxCertIdLength)
            return false;
        Span<char> key = stackalloc char[certId.Length * 2];
        Convert.TryToHexString(certId, key, out _);
        return _answers.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out answer!) && clock.GetUtcNow() < answer.StaleAt;
    }

    /// <summary>The answer for this CertID (as sent, in hex) if one is held for <paramref name="status"/> and not past half its validity.</summary>
    public PreSignedOcspAnswer? Find(string certIdHex, OcspCertificateStatus status) =>
        _answers.TryGetValue(certIdHex, out var held) && held.Status == status && clock.GetUtcNow() < held.StaleAt ? held : null;

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
        var reply = new OcspReply(der, OcspResponseStatus.Successful, thisUpdate, nextUpdate, FromCache: true);
        _answers[key] = new PreSignedOcspAnswer(status, reply, OcspCacheHeaders.For(der, thisUpdate, nextUpdate), thisUpdate + validity / 2);
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
}
