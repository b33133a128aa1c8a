namespace CertPortal.Features.AcmeServer.Eab;

/// <summary>An EAB key as lists show it; <see cref="HmacKey"/> is set only in the answer that made it.</summary>
public sealed record AcmeEabKeyView(Guid Id, Guid CaId, Guid CustomerId, string Name, string KeyId, IReadOnlyList<string> AllowedDomains,
    IReadOnlyList<string> KeyTypes, int MaxValidityDays, bool Bound, DateTime CreatedAt, DateTime? RevokedAt, string DirectoryPath, string? HmacKey = null)
{
    public string Status => RevokedAt is not null ? "revoked" : Bound ? "bound" : "unused";
}
