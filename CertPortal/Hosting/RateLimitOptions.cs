namespace CertPortal.Hosting;

/// <summary>Section <c>CertPortal:RateLimits</c>: requests allowed per minute, beyond which the portal answers 429.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "CertPortal:RateLimits";

    /// <summary>Sign-in and first-run setup posts per client address, on top of Identity's per-account lockout.</summary>
    public int SignInPerMinute { get; set; } = 30;

    /// <summary>/api/v1 calls per API token (per address for calls without one). Generous: scripts create thousands of objects.</summary>
    public int ApiPerMinute { get; set; } = 6000;
}
