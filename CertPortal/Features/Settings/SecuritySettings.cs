using System.Text.Json.Serialization;

namespace CertPortal.Features.Settings;

/// <summary>
/// Who must sign in with a second factor (<see cref="RequireSecondFactor"/>: none, admins or everyone) and after how
/// many idle minutes a session ends.
/// </summary>
public sealed record SecuritySettings(string RequireSecondFactor, int IdleTimeoutMinutes)
{
    public const string Key = "security";
    public const string Nobody = "none";
    public const string Admins = "admins";
    public const string Everyone = "everyone";

    public static readonly IReadOnlyList<string> Choices = [Nobody, Admins, Everyone];

    /// <summary>Twelve idle hours: what the sign-in cookie allowed before this was a setting.</summary>
    public static readonly SecuritySettings Default = new(Nobody, 720);

    [JsonIgnore]
    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);

    /// <summary>Whether a person with this role must have a second factor.</summary>
    public bool RequiresSecondFactor(bool isAdmin) =>
        RequireSecondFactor == Everyone || (RequireSecondFactor == Admins && isAdmin);
}
