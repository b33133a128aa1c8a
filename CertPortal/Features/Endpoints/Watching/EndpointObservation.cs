using CertPortal.Features.Certificates;

namespace CertPortal.Features.Endpoints.Watching;

/// <summary>
/// Writes a look into a watched endpoint and decides its problems (docs/discovery.md): those of the chain itself, plus
/// expiring, changed unexpectedly (to a certificate that is no version of a tracked one and, on a binding's endpoint,
/// not the deployed one) and, for a binding, not the deployed version. Returns the problems that are new.
/// </summary>
public static class EndpointObservation
{
    public static IReadOnlyList<string> Apply(WatchedEndpoint endpoint, EndpointLook look, KnownCertificateVersion? known, DiscoveryOptions limits, DateTime now)
    {
        var before = endpoint.Problems.ToHashSet();
        endpoint.LastCheckedAt = now;
        if (look.Review is not { } review)
        {
            endpoint.LastError = Fit(look.Error);
            endpoint.Problems = [EndpointProblems.Unreachable];
            return endpoint.Problems.Except(before).ToList();
        }
        var previous = endpoint.ThumbprintSha256;
        var expected = previous is not null && previous != review.ThumbprintSha256
                       && (known is not null || review.ThumbprintSha256 == endpoint.DeployedThumbprintSha256);
        if (previous is not null && previous != review.ThumbprintSha256 && !expected)
            (endpoint.ChangedAt, endpoint.ChangedFromThumbprintSha256) = (now, previous);
        (endpoint.ThumbprintSha256, endpoint.Subject, endpoint.Issuer, endpoint.NotAfter, endpoint.Key, endpoint.Names, endpoint.ChainPem) =
            (review.ThumbprintSha256, review.Subject, review.Issuer, review.NotAfter, review.Key, [.. review.Names], review.ChainPem);
        (endpoint.KnownCertificateId, endpoint.KnownVersion, endpoint.LastError) = (known?.CertificateId, known?.Version, null);

        var problems = new List<string>(review.Problems);
        if (review.NotAfter <= now.AddDays(limits.ExpiringDays))
            problems.Add(EndpointProblems.Expiring);
        if (endpoint.ChangedAt is { } changed && changed > now.AddDays(-limits.ChangedDays) && endpoint.ThumbprintSha256 != endpoint.DeployedThumbprintSha256
            && endpoint.KnownCertificateId is null)
            problems.Add(EndpointProblems.Changed);
        if (endpoint.DeploymentId is not null && endpoint.DeployedThumbprintSha256 is { } deployed && deployed != review.ThumbprintSha256)
            problems.Add(EndpointProblems.NotDeployedVersion);
        endpoint.Problems = EndpointProblems.Ordered(problems);
        return endpoint.Problems.Except(before).ToList();
    }

    private static string? Fit(string? error) => error is { Length: > 500 } ? error[..499] + "…" : error;
}
