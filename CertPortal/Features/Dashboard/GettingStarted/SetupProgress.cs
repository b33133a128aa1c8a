namespace CertPortal.Features.Dashboard.GettingStarted;

/// <summary>
/// The checklist's steps in the order of the work, or none once a binding has had a verified run: from then on the
/// portal renews and deploys by itself and the checklist has nothing left to say.
/// </summary>
public sealed record SetupProgress(IReadOnlyList<SetupStep> Steps)
{
    public bool Show => Steps.Count > 0;

    /// <summary>The first step not done, which the checklist offers as the next thing to do.</summary>
    public SetupStep? Next => Steps.FirstOrDefault(s => !s.Done);
}
