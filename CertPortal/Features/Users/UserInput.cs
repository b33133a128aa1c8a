namespace CertPortal.Features.Users;

/// <summary>A user as the API posts or puts it; <c>password</c> only on POST, an empty <c>customerIds</c> means every customer.</summary>
public sealed record UserInput(string? Email, string? Password, string? Role, List<Guid>? CustomerIds, bool? Disabled);
