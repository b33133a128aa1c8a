using CertPortal.Common;
using CertPortal.Data;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>One setting a DNS provider type declares; the UI builds its form from these, the API validates with them.</summary>
/// <remarks>
/// <paramref name="Kind"/>: how the API checks the value, and whether it is an endpoint that secrets travel to.
/// <paramref name="Choices"/>: the only values allowed, offered as a list and checked by the API.
/// </remarks>
public sealed record ProviderField(string Name, string Label, string Help, bool Secret = false, bool Required = true, SettingKind Kind = SettingKind.Text,
    FormSection Section = FormSection.Connection, IReadOnlyList<string>? Choices = null)
{
    public SettingSpec Spec => new(Name, Label, Secret, Kind, Choices, Required);

    public FormField Form => new(Name, Label, Help, Secret, Required, Section, Choices: Choices);
}
