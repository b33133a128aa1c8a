namespace CertPortal.Pki;

/// <summary>The CRLReason values of RFC 5280 §5.3.1 by their ASN.1 names, as the API takes them. Code 7 is unused.</summary>
public sealed record RevocationReason
{
    public static readonly RevocationReason Unspecified = new("unspecified", 0);
    public static readonly RevocationReason KeyCompromise = new("keyCompromise", 1);
    public static readonly RevocationReason CaCompromise = new("cACompromise", 2);
    public static readonly RevocationReason AffiliationChanged = new("affiliationChanged", 3);
    public static readonly RevocationReason Superseded = new("superseded", 4);
    public static readonly RevocationReason CessationOfOperation = new("cessationOfOperation", 5);
    public static readonly RevocationReason CertificateHold = new("certificateHold", 6);
    public static readonly RevocationReason RemoveFromCrl = new("removeFromCRL", 8);
    public static readonly RevocationReason PrivilegeWithdrawn = new("privilegeWithdrawn", 9);
    public static readonly RevocationReason AaCompromise = new("aACompromise", 10);

    public static readonly IReadOnlyList<RevocationReason> All =
        [Unspecified, KeyCompromise, CaCompromise, AffiliationChanged, Superseded, CessationOfOperation, CertificateHold, RemoveFromCrl, PrivilegeWithdrawn, AaCompromise];

    private RevocationReason(string name, int code) => (Name, Code) = (name, code);

    public string Name { get; }

    public int Code { get; }

    /// <summary>Names are matched without regard to case (<c>keycompromise</c> is <c>keyCompromise</c>).</summary>
    public static PkiResult<RevocationReason> Parse(string? name) =>
        All.FirstOrDefault(r => string.Equals(r.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } reason
            ? PkiResult<RevocationReason>.Ok(reason)
            : PkiResult<RevocationReason>.Refused($"'{name}' is not a revocation reason; use one of: {string.Join(", ", All.Select(r => r.Name))}.");

    public static RevocationReason? FromCode(int code) => All.FirstOrDefault(r => r.Code == code);

    public override string ToString() => Name;
}
