using CertPortal.Common;
using CertPortal.Data.Progress;

namespace CertPortal.Features.CertificateAuthorities.Revocation;

/// <summary>
/// "A CA issued or revoked something": raised here and, on PostgreSQL, on every other instance through the progress
/// relay, so each instance reloads that CA's states and re-signs its OCSP answers (README.md, "Several instances").
/// </summary>
public sealed class CaRevocationProgress(ProgressRelay relay) : SubjectProgress("ca-revocation", relay);
