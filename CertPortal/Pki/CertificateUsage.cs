namespace CertPortal.Pki;

/// <summary>
/// What an end-entity certificate is for, by its the README's API section name: <c>client</c> (TLS client authentication: VPN, mTLS),
/// <c>server</c>, <c>client-server</c> and <c>email</c> (S/MIME). Each names its extended key usages.
/// </summary>
public sealed record CertificateUsage
{
    public static readonly CertificateUsage Client = new("client", [PkiOids.ClientAuth]);
    public static readonly CertificateUsage Server = new("server", [PkiOids.ServerAuth]);
    public static readonly CertificateUsage ClientServer = new("client-server", [PkiOids.ServerAuth, PkiOids.ClientAuth]);
    public static readonly CertificateUsage Email = new("email", [PkiOids.EmailProtection]);

    public static readonly IReadOnlyList<CertificateUsage> All = [Client, Server, ClientServer, Email];

    private CertificateUsage(string name, IReadOnlyList<string> extendedKeyUsages) => (Name, ExtendedKeyUsages) = (name, extendedKeyUsages);

    public string Name { get; }

    /// <summary>EKU object identifiers (RFC 5280 §4.2.1.12).</summary>
    public IReadOnlyList<string> ExtendedKeyUsages { get; }

    public bool IsServer => ExtendedKeyUsages.Contains(PkiOids.ServerAuth);

    public static PkiResult<CertificateUsage> Parse(string? name) =>
        All.FirstOrDefault(u => string.Equals(u.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } usage
            ? PkiResult<CertificateUsage>.Ok(usage)
            : PkiResult<CertificateUsage>.Refused($"Usage must be one of: {string.Join(", ", All.Select(u => u.Name))}.");

    public override string ToString() => Name;
}
