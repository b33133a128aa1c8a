namespace CertPortal.Security;

/// <summary>Claim types the portal adds beside the standard name and role claims.</summary>
public static class PortalClaims
{
    /// <summary>Set on API tokens limited to one customer: the customer's id.</summary>
    public const string CustomerScope = "certportal:customer";

    /// <summary>Set on API tokens: the token's id, so its use can be recorded.</summary>
    public const string TokenId = "certportal:token";
}
