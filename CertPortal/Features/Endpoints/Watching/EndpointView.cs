namespace CertPortal.Features.Endpoints.Watching;

/// <summary>
/// A watched endpoint as the API and the list show it (the README's API fields first): <see cref="Problem"/> is the worst of
/// <see cref="Problems"/>; thumbprints are lowercase hex.
/// </summary>
public sealed record EndpointView(
    Guid Id,
    string Host,
    int Port,
    string? ServerName,
    string? ThumbprintSha256,
    DateTime? NotAfter,
    int? DaysLeft,
    Guid? KnownCertificateId,
    DateTime? LastCheckedAt,
    string? Problem,
    Guid CustomerId,
    string Origin,
    IReadOnlyList<string> Problems,
    string? Subject,
    string? Issuer,
    string? Key,
    IReadOnlyList<string> Names,
    int? KnownVersion,
    Guid? DeploymentId,
    string? LastError)
{
    public static EndpointView Of(WatchedEndpoint e, DateTime now) => new(e.Id, e.Host, e.Port, e.ServerName is "" ? null : e.ServerName, e.ThumbprintSha256,
        e.NotAfter, e.NotAfter is { } end ? (int)Math.Floor((end - now).TotalDays) : null, e.KnownCertificateId, e.LastCheckedAt, e.Problems.FirstOrDefault(),
        e.CustomerId, e.Origin, e.Problems, e.Subject, e.Issuer, e.Key, e.Names, e.KnownVersion, e.DeploymentId, e.LastError);

    public string Address => ServerName is { } sni && sni != Host ? $"{Host}:{Port} ({sni})" : $"{Host}:{Port}";
}
