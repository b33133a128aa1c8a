namespace CertPortal.Features.Audit;

public enum AuditOutcome
{
    Success,
    Failure,
    Denied,
}
