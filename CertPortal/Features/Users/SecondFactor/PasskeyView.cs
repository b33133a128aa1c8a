namespace CertPortal.Features.Users.SecondFactor;

/// <summary>A registered passkey as its owner sees it; <see cref="Id"/> is the credential id, base64url.</summary>
public sealed record PasskeyView(string Id, string Name, DateTime CreatedAt, DateTime? LastUsedAt);
