namespace CertPortal.Pki;

/// <summary>
/// An OCSP response to send (<c>application/ocsp-response</c>). For a successful one, <see cref="ThisUpdate"/> and
/// <see cref="NextUpdate"/> give the HTTP caching headers of RFC 5019 §6 (Last-Modified, Expires, max-age);
/// <see cref="Nonced"/> answers are for one request only and are never to be cached.
/// </summary>
public sealed record OcspReply(byte[] Der, OcspResponseStatus Status, DateTimeOffset? ThisUpdate, DateTimeOffset? NextUpdate, bool FromCache, bool Nonced = false);
