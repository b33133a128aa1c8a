using System.Security.Cryptography.X509Certificates;
using CertPortal.Features.Certificates.Files;
using CertPortal.Features.Dashboard.Reports;

namespace CertPortal.Features.Endpoints;

/// <summary>
/// What a served chain says by itself (docs/discovery.md): the leaf's facts, and the problems that need nothing but the
/// chain and the name asked for: chain incomplete, name mismatch, weak key.
/// </summary>
public sealed record ServedChainReview(string ThumbprintSha256, string Subject, string Issuer, DateTime NotAfter, string Key, IReadOnlyList<string> Names,
    string ChainPem, IReadOnlyList<string> Problems)
{
    public static ServedChainReview Of(ServedChain served, string host, string? serverName)
    {
        var leaf = served.Leaf;
        var facts = CertificateKeyFacts.Of(leaf);
        var problems = new List<string>();
        if (!BuildsWithoutFetching(served))
            problems.Add(EndpointProblems.ChainIncomplete);
        // The name a client would check: the SNI sent, else the host when it is an address the certificate may name.
        var expected = serverName ?? host;
        var sans = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().ToList();
        if ((serverName is not null || sans.Any(s => s.EnumerateIPAddresses().Any())) && !leaf.MatchesHostname(expected, allowWildcards: true, allowCommonName: sans.Count == 0))
            problems.Add(EndpointProblems.NameMismatch);
        if (WeakCryptography.Reasons(facts).Count > 0)
            problems.Add(EndpointProblems.WeakKey);
        var names = sans.SelectMany(s => s.EnumerateDnsNames().Concat(s.EnumerateIPAddresses().Select(a => a.ToString()))).Distinct().ToList();
        return new ServedChainReview(CertificateChain.Sha256(leaf), leaf.Subject, leaf.Issuer, leaf.NotAfter.ToUniversalTime(), facts.KeyLabel, names, served.Pem, problems);
    }

    /// <summary>
    /// Whether the chain reaches a root from what was sent plus the trusted roots, with downloads of missing issuers
    /// turned off (as many clients have them): a missing intermediate shows as a partial chain.
    /// </summary>
    private static bool BuildsWithoutFetching(ServedChain served)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllFlags;
        chain.ChainPolicy.ExtraStore.AddRange(served.Certificates.Skip(1).ToArray());
        chain.Build(served.Leaf);
        return !chain.ChainStatus.Any(s => s.Status == X509ChainStatusFlags.PartialChain);
    }
}
