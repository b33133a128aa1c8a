namespace CertPortal.Data;

/// <summary>One declared setting of a provider or target type, as the shared checks in <see cref="SettingRules"/> see it.</summary>
/// <remarks><paramref name="Choices"/>: the only values allowed, or null for free text.</remarks>
public sealed record SettingSpec(string Name, string Label, bool Secret, SettingKind Kind, IReadOnlyList<string>? Choices = null, bool Required = false)
{
    public bool IsEndpoint => Kind is SettingKind.EndpointHost or SettingKind.EndpointPort or SettingKind.EndpointUrl or SettingKind.EndpointTrust;
}
