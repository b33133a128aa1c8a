namespace CertPortal.Acme;

/// <summary>A name to certify: type <c>dns</c> (RFC 8555 §9.7.7).</summary>
public sealed record AcmeIdentifier(string Type, string Value)
{
    public static AcmeIdentifier Dns(string name) => new("dns", name);
}

/// <summary>An account object (RFC 8555 §7.1.2) and the URL that is its key id (<c>kid</c>).</summary>
public sealed record AcmeAccount(Uri Location, string Status, IReadOnlyList<string>? Contact);

/// <summary>An order (RFC 8555 §7.1.3). <c>Location</c> is its URL, from which it is polled; <c>Profile</c> the profile the CA applies (draft-ietf-acme-profiles), when it says.</summary>
public sealed record AcmeOrder(
    Uri Location,
    string Status,
    DateTimeOffset? Expires,
    IReadOnlyList<AcmeIdentifier> Identifiers,
    IReadOnlyList<Uri> Authorizations,
    Uri Finalize,
    Uri? Certificate,
    AcmeProblem? Error,
    string? Profile = null);

/// <summary>An authorization (RFC 8555 §7.1.4): one identifier and the ways to prove control of it.</summary>
public sealed record AcmeAuthorization(
    Uri Location,
    AcmeIdentifier Identifier,
    string Status,
    bool Wildcard,
    IReadOnlyList<AcmeChallenge> Challenges);

/// <summary>A challenge (RFC 8555 §8): <c>dns-01</c> or <c>http-01</c> here.</summary>
public sealed record AcmeChallenge(string Type, Uri Url, string Status, string Token, AcmeProblem? Error);

/// <summary>A downloaded chain (leaf first, PEM) and the CA's alternate chains (RFC 8555 §7.4.2, <c>Link: rel="alternate"</c>).</summary>
public sealed record AcmeCertificateChain(string Pem, IReadOnlyList<Uri> Alternates);

/// <summary>ARI's suggested renewal window (RFC 9773 §4.2) and when to ask again.</summary>
public sealed record RenewalInfo(DateTimeOffset WindowStart, DateTimeOffset WindowEnd, Uri? ExplanationUrl, TimeSpan? RetryAfter);
