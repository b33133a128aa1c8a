using System.Text.Json;

namespace CertPortal.Data;

/// <summary>
/// Something configured as DNS providers and targets are: a type, the type's settings as JSON, and its secrets as
/// one JSON object sealed by <see cref="SealedSettings"/>, which never leaves the service unsealed.
/// </summary>
public interface ISettingsWithSecrets
{
    string Type { get; }

    Dictionary<string, JsonElement> Settings { get; set; }

    string? SealedSecrets { get; set; }
}
