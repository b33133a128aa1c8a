namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>The challenges offered for a name: a wildcard can only be proven in DNS (RFC 8555 §7.1.3).</summary>
public static class AcmeChallengeTypes
{
    public const string Http01 = "http-01";
    public const string Dns01 = "dns-01";

    public static IReadOnlyList<string> For(AcmeServerAuthorization authorization) =>
        authorization.Wildcard ? [Dns01] : [Http01, Dns01];
}
