namespace CertPortal.Data;

/// <summary>An endpoint setting an update changes; <see cref="ToString"/> is what the audit log records (never a secret).</summary>
public sealed record EndpointChange(string Name, string Before, string After)
{
    public override string ToString() => $"{Name} '{Shown(Before)}' → '{Shown(After)}'";

    // A stored URL from before URLs were checked may carry user:password@; the audit shows it without.
    private static string Shown(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 ? value.Replace(uri.UserInfo + "@", "") : value;
}
