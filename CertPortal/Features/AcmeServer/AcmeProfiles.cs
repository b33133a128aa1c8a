namespace CertPortal.Features.AcmeServer;

/// <summary>
/// The profiles the directory offers (draft-ietf-acme-profiles): each a lifetime, cut to the EAB key's maximum.
/// </summary>
public static class AcmeProfiles
{
    public const string Default = "default";
    public const string ShortLived = "shortlived";
    public const int DefaultValidityDays = 90;
    public const int ShortLivedValidityDays = 6;

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [Default] = $"Server certificate valid {DefaultValidityDays} days (or the EAB key's maximum, if lower).",
        [ShortLived] = $"Server certificate valid {ShortLivedValidityDays} days, for clients that renew often.",
    };

    public static bool Exists(string name) => Descriptions.ContainsKey(name);

    public static int ValidityDays(string profile, int maxValidityDays) =>
        Math.Min(profile == ShortLived ? ShortLivedValidityDays : DefaultValidityDays, maxValidityDays);
}
