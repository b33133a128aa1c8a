namespace CertPortal.Features.Certificates;

/// <summary>The RFC 5280 §5.3.1 reason names a subscriber may give an ACME CA (RFC 8555 §7.6), and their codes.</summary>
public static class RevocationReasons
{
    public static readonly IReadOnlyDictionary<string, int> Codes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["unspecified"] = 0,
        ["keyCompromise"] = 1,
        ["affiliationChanged"] = 3,
        ["superseded"] = 4,
        ["cessationOfOperation"] = 5,
    };
}
