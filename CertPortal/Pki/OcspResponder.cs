using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Pki;

/// <summary>
/// Answers OCSP requests (RFC 6960) for one CA: <c>good</c>, <c>revoked</c> or <c>unknown</c> per certificate as
/// <c>lookup</c> says, <c>unauthorized</c> for certificates of other issuers and <c>malformedRequest</c> for anything
/// unreadable. The issuer hashes are computed once. A signed answer to a request without a nonce is reused until half
/// its validity has passed; it is cached under the CertID and the certificate's state, so a revocation is a different key and is
/// never answered from a stale "good".
/// </summary>
public sealed class OcspResponder
{
    // RFC 8954 §2.1: nonces of 1-32 octets; the extension value wraps one in an OCTET STRING header of two.
    private const int MaxNonceLength = 34;
    private const int MaxCachedResponses = 100_000;

    private static readonly OcspReply Malformed = new(OcspResponseWriter.Unsuccessful(OcspResponseStatus.MalformedRequest), OcspResponseStatus.MalformedRequest, null, null, false);
    private static readonly OcspReply Unauthorized = new(OcspResponseWriter.Unsuccessful(OcspResponseStatus.Unauthorized), OcspResponseStatus.Unauthorized, null, null, false);

    private readonly Dictionary<string, (byte[] NameHash, byte[] KeyHash)> _issuerHashes;
    private readonly OcspResponseWriter _writer;
    private readonly Func<string, CancellationToken, ValueTask<OcspCertificateStatus>> _lookup;
    private readonly TimeSpan _validity;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<(string CertId, OcspCertificateStatus Status), OcspReply> _cache = new();

    /// <param name="ca">The CA whose certificates are answered for (its public part is enough).</param>
    /// <param name="writer">Signs as the CA or its delegated signer.</param>
    /// <param name="lookup">The state of a serial (lowercase hex); called for every request not answered from the cache, so keep it fast.</param>
    /// <param name="validity">nextUpdate − thisUpdate of each answer.</param>
    public OcspResponder(X509Certificate2 ca, OcspResponseWriter writer, Func<string, CancellationToken, ValueTask<OcspCertificateStatus>> lookup, TimeSpan validity, TimeProvider clock)
    {
        (_writer, _lookup, _validity, _clock) = (writer, lookup, validity, clock);
        var name = ca.SubjectName.RawData;
        var key = ca.PublicKey.EncodedKeyValue.RawData;
        _issuerHashes = new()
        {
            [PkiOids.Sha1] = (SHA1.HashData(name), SHA1.HashData(key)),
            [PkiOids.Sha256] = (SHA256.HashData(name), SHA256.HashData(key)),
            [PkiOids.Sha384] = (SHA384.HashData(name), SHA384.HashData(key)),
            [PkiOids.Sha512] = (SHA512.HashData(name), SHA512.HashData(key)),
        };
        PreSigned = new OcspPreSignedAnswers(_issuerHashes[PkiOids.Sha1].NameHash, _issuerHashes[PkiOids.Sha1].KeyHash, writer, validity, clock);
    }

    /// <summary>Answers signed ahead of time (README.md, "OCSP"); served first for a request without a nonce.</summary>
    public OcspPreSignedAnswers PreSigned { get; }

    public int CachedResponses => _cache.Count;

    /// <summary>Drops every cached answer, e.g. when the signer changes or the CA's state was restored.</summary>
    public void ClearCache() => _cache.Clear();

    /// <summary>
    /// The hot path of a request without a nonce: its one CertID read in place and looked up among the trusted
    /// pre-signed answers. False sends the request the long way (<see cref="RespondAsync(ReadOnlyMemory{byte}, CancellationToken)"/>).
    /// </summary>
    public bool TryPreSigned(ReadOnlySpan<byte> requestDer, out PreSignedOcspAnswer answer)
    {
        answer = null!;
        return PlainOcspRequest.TryFindCertId(requestDer, out var certId) && PreSigned.TryServe(requestDer[certId], out answer);
    }

    public ValueTask<OcspReply> RespondAsync(ReadOnlyMemory<byte> requestDer, CancellationToken ct = default) =>
        RespondAsync(OcspRequestReader.Read(requestDer), ct);

    /// <summary>For <c>GET /ocsp/{base64}</c>: the path segment after the responder's URL.</summary>
    public ValueTask<OcspReply> RespondToGetAsync(string? path, CancellationToken ct = default) =>
        RespondAsync(OcspRequestReader.ReadGetPath(path), ct);

    private async ValueTask<OcspReply> RespondAsync(OcspRequest? request, CancellationToken ct)
    {
        if (request is null)
            return Malformed;
        if (!request.CertIds.All(IsOurs))
            return Unauthorized;
        var nonce = request.Nonce is { Length: > 0 and <= MaxNonceLength } ? request.Nonce : null;
        var answers = new (OcspCertId, OcspCertificateStatus)[request.CertIds.Count];
        for (var i = 0; i < answers.Length; i++)
            answers[i] = (request.CertIds[i], await _lookup(request.CertIds[i].SerialHex, ct));
        var now = _clock.GetUtcNow();
        if (nonce is not null || answers.Length != 1)
            return Sign(answers, nonce, now, fromCache: false);

        var (certId, status) = answers[0];
        // Keyed by the CertID as sent (hash algorithm, issuer hashes, serial), since the answer must repeat it exactly.
        var key = (Convert.ToHexString(certId.Encoded), status);
        if (PreSigned.Find(key.Item1, status) is { } preSigned)
            return preSigned.Reply;
        if (_cache.TryGetValue(key, out var cached) && now < cached.ThisUpdate + _validity / 2)
            return cached with { FromCache = true };
        if (_cache.Count >= MaxCachedResponses)
            _cache.Clear(); // simpler than LRU: a full cache is refilled at one signature per serial
        var reply = Sign(answers, null, now, fromCache: false);
        _cache[key] = reply;
        return reply;
    }

    private OcspReply Sign((OcspCertId, OcspCertificateStatus)[] answers, byte[]? nonce, DateTimeOffset now, bool fromCache)
    {
        var thisUpdate = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var nextUpdate = thisUpdate + _validity;
        return new OcspReply(_writer.Write(answers, nonce, thisUpdate, nextUpdate), OcspResponseStatus.Successful, thisUpdate, nextUpdate, fromCache, nonce is not null);
    }

    private bool IsOurs(OcspCertId certId) =>
        _issuerHashes.TryGetValue(certId.HashAlgorithmOid, out var hashes)
        && hashes.NameHash.AsSpan().SequenceEqual(certId.IssuerNameHash)
        && hashes.KeyHash.AsSpan().SequenceEqual(certId.IssuerKeyHash);
}
