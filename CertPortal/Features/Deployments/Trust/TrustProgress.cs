using CertPortal.Common;
using CertPortal.Data.Progress;

namespace CertPortal.Features.Deployments.Trust;

/// <summary>Tells open pages, on every instance, that a trust binding's run moved on (subject: the trust binding).</summary>
public sealed class TrustProgress(ProgressRelay relay) : SubjectProgress("trust", relay);
