namespace CertPortal.Features.Certificates;

/// <summary>What other slices (deployments) read of a certificate: a version's PEM parts and key, unsealed for the push.</summary>
public interface ICertificateVersions
{
    /// <summary>The given version, or the current one when <paramref name="version"/> is null; null when there is none.</summary>
    Task<CertificateMaterial?> GetAsync(Guid certificateId, int? version, CancellationToken ct);

    /// <summary>The certificate as <paramref name="actor"/> may see it (customer, name, current version); null when there is none or it is not theirs.</summary>
    Task<OwnedCertificate?> FindAsync(Guid certificateId, Security.Actor actor, CancellationToken ct);

    /// <summary>Name and current version of each given certificate, for lists that show bindings; unknown ids are left out.</summary>
    Task<IReadOnlyDictionary<Guid, CertificateHeadline>> HeadlinesAsync(IReadOnlyCollection<Guid> certificateIds, CancellationToken ct);

    /// <summary>
    /// Every certificate's current version as a query on the caller's context, to compose with its own (so counts over
    /// bindings stay one SQL statement instead of loading rows).
    /// </summary>
    IQueryable<CertificateCurrentVersion> CurrentVersions(Data.AppDbContext db);

    /// <summary>
    /// Which of <paramref name="thumbprints"/> (lowercase hex SHA-256) are a version, any version, of one of the
    /// customer's certificates: what endpoint discovery matches a served leaf against. Unknown ones are left out.
    /// </summary>
    Task<IReadOnlyDictionary<string, KnownCertificateVersion>> MatchAsync(Guid customerId, IReadOnlyCollection<string> thumbprints, CancellationToken ct);
}

/// <summary>A served certificate recognised as a version of a tracked certificate; <see cref="IsCurrent"/> when it is the newest.</summary>
public sealed record KnownCertificateVersion(Guid CertificateId, string CommonName, int Version, bool IsCurrent);

/// <summary>A certificate's name, current version and since when it is current (its NotBefore); settable so queries can filter on it.</summary>
public sealed class CertificateCurrentVersion
{
    public Guid Id { get; init; }

    public string CommonName { get; init; } = "";

    public int Version { get; init; }

    public DateTime? Since { get; init; }
}

/// <summary>A certificate with the customer it belongs to, as a binding needs it.</summary>
public sealed record OwnedCertificate(Guid Id, Guid CustomerId, string CommonName, int CurrentVersion);

/// <summary>How a list names a certificate: its common name and the version it is at.</summary>
public sealed record CertificateHeadline(Guid Id, string CommonName, int CurrentVersion);

/// <summary>One version of a certificate with its key, as a connector pushes it.</summary>
public sealed record CertificateMaterial(Guid CertificateId, Guid CustomerId, int Version, string CommonName, IReadOnlyList<string> Names,
    string LeafPem, string ChainPem, string KeyPem, string ThumbprintSha256, DateTime NotAfter);
