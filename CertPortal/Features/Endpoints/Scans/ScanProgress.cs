using CertPortal.Common;
using CertPortal.Data.Progress;

namespace CertPortal.Features.Endpoints.Scans;

/// <summary>Tells open scan pages, on every instance, that a scan tried more pairs or found an endpoint.</summary>
public sealed class ScanProgress(ProgressRelay relay) : SubjectProgress("discovery-scan", relay);
