namespace CertPortal.Security;

/// <summary>The three roles. Identity stores the capitalised names; the API and CLI speak the lowercase ones.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Technician = "Technician";
    public const string ReadOnly = "ReadOnly";

    public static readonly string[] All = [Admin, Technician, ReadOnly];

    /// <summary>Admin and Technician: everyone who does the daily work.</summary>
    public static readonly string[] Workers = [Admin, Technician];

    public static string? FromApiName(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "admin" => Admin,
        "technician" => Technician,
        "readonly" or "read-only" => ReadOnly,
        _ => null,
    };

    public static string ToApiName(string role) => role.ToLowerInvariant();
}
