using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CertPortal.Data;

public static class SettingsWithSecretsColumns
{
    /// <summary>The columns of <see cref="ISettingsWithSecrets"/>: the type's name, the settings as JSON, the secrets sealed.</summary>
    public static EntityTypeBuilder<T> HasSettingsWithSecrets<T>(this EntityTypeBuilder<T> builder) where T : class, ISettingsWithSecrets
    {
        builder.Property<string>(nameof(ISettingsWithSecrets.Type)).HasMaxLength(32);
        builder.Property<Dictionary<string, JsonElement>>(nameof(ISettingsWithSecrets.Settings)).HasJsonConversion();
        builder.Property<string?>(nameof(ISettingsWithSecrets.SealedSecrets)).IsSecret();
        return builder;
    }
}
