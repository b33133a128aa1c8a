namespace CertPortal.Security;

/// <summary>A permission, the roles that hold it, and whether a token limited to one customer may use it.</summary>
public sealed record Permission(string Name, string[] Roles, bool AllowCustomerScoped = true);

/// <summary>A slice's permissions. One per slice, next to its permission constants, so the rules sit in one place.</summary>
public sealed class PermissionGrants : List<Permission>;
