using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Data;

/// <summary>
/// Marks a string column as holding a value sealed by <see cref="SecretProtector"/>. Master key rotation finds every
/// such column through the EF model, so a slice that adds a secret only has to mark it.
/// </summary>
public static class SecretColumn
{
    public const string Annotation = "CertPortal:Secret";

    public static PropertyBuilder<TProperty> IsSecret<TProperty>(this PropertyBuilder<TProperty> property) =>
        property.HasAnnotation(Annotation, true);

    public static bool IsSecret(this IReadOnlyProperty property) => property.FindAnnotation(Annotation)?.Value is true;
}
