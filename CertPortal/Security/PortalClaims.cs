namespace CertPortal.Security;

/// <summary>Claim types the portal adds beside the standard name and role claims.</summary>
public static class PortalClaims
{
    /// <summary>Set on limited people (one per customer) and on API tokens limited to one customer: a customer id.</summary>
    public const string CustomerScope = "certportal:customer";

    /// <summary>Set on API tokens: the token's id, so its use can be recorded.</summary>
    public const string TokenId = "certportal:token";

    /// <summary>Set on API tokens: who created the token (an admin's email, or the command line).</summary>
    public const string TokenOwner = "certportal:token-owner";
}
