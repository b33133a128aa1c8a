using CertPortal.Common;
using CertPortal.Data.Progress;

namespace CertPortal.Features.Certificates.Issuance;

/// <summary>Tells open pages, on every instance, that a certificate's run moved on, so its step list updates live.</summary>
public sealed class IssuanceProgress(ProgressRelay relay) : SubjectProgress("issuance", relay);
