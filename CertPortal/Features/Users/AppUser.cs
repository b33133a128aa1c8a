using Microsoft.AspNetCore.Identity;

namespace CertPortal.Features.Users;

/// <summary>A person who signs in. The email is the user name.</summary>
public sealed class AppUser : IdentityUser
{
    /// <summary>A disabled user cannot sign in, and open sessions end within a minute (the security stamp changes).</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastSignInAt { get; set; }

    /// <summary>The customers a Technician or ReadOnly is limited to; empty for every customer. Admins are never limited.</summary>
    public List<Guid> CustomerIds { get; set; } = [];
}
