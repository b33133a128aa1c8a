namespace CertPortal.Pki;

/// <summary>
/// A successful answer without a nonce, as served: the state it was signed for, its DER and its HTTP caching headers
/// (worked out once when it is signed rather than on every request).
/// </summary>
/// <param name="StaleAt">Half its validity: from then on it is signed again, so a served answer keeps half of it.</param>
public sealed record PreSignedOcspAnswer(OcspCertificateStatus Status, OcspReply Reply, OcspCacheHeaders Headers, DateTimeOffset StaleAt);
