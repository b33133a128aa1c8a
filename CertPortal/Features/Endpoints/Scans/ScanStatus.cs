namespace CertPortal.Features.Endpoints.Scans;

public static class ScanStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Finished = "finished";
}
