using CertPortal.Common;

namespace CertPortal.Features.Settings;

/// <summary>Validates alert rules laid over the stored ones (a field left out keeps its value); thresholds come back widest first.</summary>
public static class AlertRulesCheck
{
    public const int MaxThresholds = 8;
    public const int MaxThresholdDays = 365;
    public const int MaxGlobalEmails = 50;
    public const int MaxWaitingHours = 720;

    public static (AlertRules Rules, Validation Check) Validate(AlertRulesInput input, AlertRules stored)
    {
        var check = new Validation();
        var thresholds = (input.ExpiryThresholdDays ?? stored.ExpiryThresholdDays).ToList();
        if (thresholds.Count == 0)
            check.Add("expiryThresholdDays", "At least one expiry threshold is required.");
        if (thresholds.Count > MaxThresholds)
            check.Add("expiryThresholdDays", $"At most {MaxThresholds} expiry thresholds.");
        foreach (var days in thresholds.Where(d => d is < 1 or > MaxThresholdDays).Distinct())
            check.Add("expiryThresholdDays", $"{days} is not a threshold: use days from 1 to {MaxThresholdDays}.");
        foreach (var days in thresholds.GroupBy(d => d).Where(g => g.Count() > 1).Select(g => g.Key))
            check.Add("expiryThresholdDays", $"{days} days is listed more than once.");

        var emails = (input.GlobalEmails ?? stored.GlobalEmails).Select(e => e?.Trim() ?? "").Where(e => e.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var email in emails.Where(e => !Validation.IsEmailAddress(e)))
            check.Add("globalEmails", $"'{Shorten(email)}' is not a valid email address.");
        if (emails.Count > MaxGlobalEmails)
            check.Add("globalEmails", $"At most {MaxGlobalEmails} global recipients.");

        var hour = input.DigestHourUtc ?? stored.DigestHourUtc;
        if (hour is < 0 or > 23)
            check.Add("digestHourUtc", "The digest hour (UTC) must be from 0 to 23.");
        var waiting = input.WaitingHours ?? stored.WaitingHours;
        if (waiting is < 1 or > MaxWaitingHours)
            check.Add("waitingHours", $"Waiting hours must be from 1 to {MaxWaitingHours}.");

        var rules = new AlertRules(thresholds.OrderDescending().ToList(), emails, input.DailyDigest ?? stored.DailyDigest, hour, waiting);
        return (rules, check);
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
