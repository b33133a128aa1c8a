namespace CertPortal.Data;

/// <summary>One declared setting of a provider or target type, as the shared checks in <see cref="SettingRules"/> see it.</summary>
public sealed record SettingSpec(string Name, string Label, bool Secret, SettingKind Kind)
{
    public bool IsEndpoint => Kind is SettingKind.EndpointHost or SettingKind.EndpointPort or SettingKind.EndpointUrl or SettingKind.EndpointTrust;
}
