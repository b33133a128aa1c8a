using CertPortal.Common;
using CertPortal.Data;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>One setting a connector declares; the targets page builds its form from these and the API validates with them.</summary>
/// <remarks>
/// <paramref name="Lines"/> above 1 makes a multi-line box (keys, checklists). <paramref name="Choices"/>: the only values
/// allowed, offered as a list on the page and checked by the API. <paramref name="Kind"/>: how the API checks the value,
/// and whether it is an endpoint that secrets travel to. <paramref name="Section"/> and <paramref name="ShownWhen"/>:
/// where the form shows it, and whether it applies to the other choices made.
/// </remarks>
public sealed record TargetField(string Name, string Label, string Help, bool Secret = false, bool Required = true, int Lines = 1, IReadOnlyList<string>? Choices = null,
    SettingKind Kind = SettingKind.Text, FormSection Section = FormSection.Connection, FieldCondition? ShownWhen = null)
{
    /// <summary>A yes/no setting, stored as "true" or "false".</summary>
    public static readonly IReadOnlyList<string> YesNo = ["true", "false"];

    public SettingSpec Spec => new(Name, Label, Secret, Kind, Choices, Required);

    public FormField Form => new(Name, Label, Help, Secret, Required, Section, Lines, Choices, ShownWhen);
}
