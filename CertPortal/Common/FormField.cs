namespace CertPortal.Common;

/// <summary>
/// One declared setting as a settings form shows it. <paramref name="ShownWhen"/>: the field only applies while
/// another field has a given value (e.g. FTP settings while "Import via" is ftp).
/// </summary>
public sealed record FormField(string Name, string Label, string Help, bool Secret, bool Required, FormSection Section,
    int Lines = 1, IReadOnlyList<string>? Choices = null, FieldCondition? ShownWhen = null)
{
    public bool AppliesTo(IReadOnlyDictionary<string, string?> values) =>
        ShownWhen is not { } condition
        || string.Equals(values.GetValueOrDefault(condition.Field)?.Trim(), condition.Value, StringComparison.OrdinalIgnoreCase);
}

/// <summary>"Only while <paramref name="Field"/> is <paramref name="Value"/>".</summary>
public sealed record FieldCondition(string Field, string Value);
