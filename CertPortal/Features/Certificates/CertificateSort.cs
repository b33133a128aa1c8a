namespace CertPortal.Features.Certificates;

/// <summary>
/// Orders of the certificate list (<c>?sort=</c>). <see cref="Attention"/>, the default, puts what needs a person first:
/// failed, then expired, then by days left, revoked last.
/// </summary>
public static class CertificateSort
{
    public const string Attention = "attention";
    public const string DaysLeft = "daysLeft";
    public const string Status = "status";
    public const string Name = "name";

    public static readonly IReadOnlyList<string> All = [Attention, DaysLeft, Status, Name];

    /// <summary>The known order, or <see cref="Attention"/> for an empty or unknown one.</summary>
    public static string Parse(string? value) => All.FirstOrDefault(s => string.Equals(s, value?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? Attention;
}
