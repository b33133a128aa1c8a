namespace CertPortal.Features.AcmeServer.Eab;

/// <summary>
/// A new EAB key (the README's API section): the CA and customer, a name, and optionally the policy of the
/// account it binds: domain suffixes, key types and the longest lifetime.
/// </summary>
public sealed record AcmeEabKeyInput(Guid? CaId, Guid? CustomerId, string? Name, List<string>? AllowedDomains = null, List<string>? KeyTypes = null, int? MaxValidityDays = null);
