using CertPortal.Common;

namespace CertPortal.Data;

/// <summary>
/// What an edit of a provider or target does to its stored secrets: the endpoint settings (or the type) it changes,
/// the secrets it stores, and an error for each stored secret that must be given again because of such a change.
/// </summary>
public sealed record SecretsAfterEdit(List<EndpointChange> Moved, Dictionary<string, string> Merged, Validation Check)
{
    /// <summary>The merged secrets as a test or a validation reads them.</summary>
    public Dictionary<string, string?> Given => Merged.ToDictionary(k => k.Key, k => (string?)k.Value);
}
