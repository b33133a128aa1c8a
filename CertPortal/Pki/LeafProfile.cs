using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Pki;

/// <summary>
/// What an end-entity certificate says. The portal decides all of it, also when signing a CSR: a CSR's requested
/// names and extensions are only a suggestion the caller may copy into <see cref="Names"/>.
/// </summary>
public sealed record LeafProfile(X500DistinguishedName Subject, CertificateUsage Usage, SubjectAlternativeNames Names, TimeSpan Validity);
