using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CertPortal.Acme;

/// <summary>The RFC 7638 JWK thumbprint (SHA-256, base64url) of a public JWK whose members are in lexicographic order.</summary>
public static class JwkThumbprint
{
    public static string Of(SortedDictionary<string, string> jwk) => Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(jwk))));
}
