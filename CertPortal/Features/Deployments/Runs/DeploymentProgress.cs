using CertPortal.Common;
using CertPortal.Data.Progress;

namespace CertPortal.Features.Deployments.Runs;

/// <summary>Tells open pages, on every instance, that a run of a certificate's binding moved on, so its steps update live.</summary>
public sealed class DeploymentProgress(ProgressRelay relay) : SubjectProgress("deployment", relay);
