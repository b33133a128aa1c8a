namespace CertPortal.Features.Certificates.Planning;

/// <summary>
/// One UTC day: its renewals, the deployments that run that day, the limits checked, renewals per account;
/// <see cref="Exceeded"/> when a limit would be, <see cref="MovedEarlier"/> how many renewals the job moved here.
/// </summary>
public sealed record PlanDay(
    DateOnly Date,
    IReadOnlyList<PlannedRenewal> Renewals,
    IReadOnlyList<FollowingDeployment> Deployments,
    IReadOnlyList<LimitCheck> Limits,
    IReadOnlyList<AccountDay> Accounts,
    bool Exceeded,
    int MovedEarlier);
