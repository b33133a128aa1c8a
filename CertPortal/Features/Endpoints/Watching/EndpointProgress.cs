using CertPortal.Common;
using CertPortal.Data.Progress;

namespace CertPortal.Features.Endpoints.Watching;

/// <summary>Tells open endpoint lists, on every instance, that an endpoint was looked at (the subject is its customer).</summary>
public sealed class EndpointProgress(ProgressRelay relay) : SubjectProgress("watched-endpoint", relay);
