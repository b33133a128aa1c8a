using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Pki;

/// <summary>
/// What a verified PKCS#10 request asks for. The portal decides the certificate: <see cref="RequestedNames"/> and
/// <see cref="RequestsCa"/> are there so the caller can copy the names it accepts and refuse a CA request.
/// </summary>
public sealed record CsrContent(X500DistinguishedName Subject, PublicKey PublicKey, KeyDescription Key, SubjectAlternativeNames RequestedNames, bool RequestsCa);
