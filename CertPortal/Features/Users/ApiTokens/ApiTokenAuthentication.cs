namespace CertPortal.Features.Users.ApiTokens;

public static class ApiTokenAuthentication
{
    /// <summary>The authentication scheme of <c>Authorization: Bearer &lt;token&gt;</c>, the only one /api accepts.</summary>
    public const string Scheme = "ApiToken";
}
