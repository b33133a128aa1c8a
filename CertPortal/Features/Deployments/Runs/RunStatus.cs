namespace CertPortal.Features.Deployments.Runs;

/// <summary>Run statuses of the README's API section.</summary>
public static class RunStatus
{
    public const string Queued = "queued";
    public const string WaitingWindow = "waiting-window";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Verified = "verified";
    public const string Failed = "failed";
    public const string RolledBack = "rolled-back";

    public static readonly IReadOnlyList<string> All = [Queued, WaitingWindow, Running, Succeeded, Verified, Failed, RolledBack];

    public static bool IsOpen(string status) => status is Queued or WaitingWindow or Running;
}
