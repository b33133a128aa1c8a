using System.Security.Cryptography;
using System.Text;

namespace CertPortal.Acme;

/// <summary>What a challenge expects to find (RFC 8555 §8.1, §8.3, §8.4).</summary>
public static class ChallengeAnswers
{
    /// <summary><c>token.thumbprint</c>: the body an HTTP-01 challenge serves.</summary>
    public static string KeyAuthorization(string token, AcmeAccountKey key) => $"{token}.{key.Thumbprint()}";

    /// <summary>The TXT value for <c>_acme-challenge.&lt;name&gt;</c>: base64url(SHA-256(key authorization)).</summary>
    public static string Dns01TxtValue(string token, AcmeAccountKey key) =>
        Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(KeyAuthorization(token, key))));

    /// <summary>The record name for a DNS-01 challenge; a wildcard's is that of its base name (RFC 8555 §8.4).</summary>
    public static string Dns01RecordName(string identifier) => "_acme-challenge." + identifier.TrimStart('*', '.').TrimEnd('.');
}
