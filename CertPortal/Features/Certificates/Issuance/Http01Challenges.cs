using System.Collections.Concurrent;

namespace CertPortal.Features.Certificates.Issuance;

/// <summary>
/// HTTP-01 answers the portal serves at <c>/.well-known/acme-challenge/{token}</c> (RFC 8555 §8.3) while an order
/// waits for validation, for hosts whose port 80 points at the portal.
/// </summary>
public sealed class Http01Challenges
{
    private readonly ConcurrentDictionary<string, string> _answers = new();

    public void Add(string token, string keyAuthorization) => _answers[token] = keyAuthorization;

    public void Remove(string token) => _answers.TryRemove(token, out _);

    public string? Find(string token) => _answers.GetValueOrDefault(token);
}
