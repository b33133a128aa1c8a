namespace CertPortal.Features.Settings;

/// <summary>What an admin sends for the alert rules; a field left out keeps its stored value.</summary>
public sealed record AlertRulesInput(
    IReadOnlyList<int>? ExpiryThresholdDays,
    IReadOnlyList<string?>? GlobalEmails,
    bool? DailyDigest,
    int? DigestHourUtc = null,
    int? WaitingHours = null);
