using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CertPortal.Acme;

/// <summary>Flattened JWS JSON (RFC 7515 §7.2.2) as ACME requests carry it (RFC 8555 §6.2).</summary>
public static class JsonWebSignature
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Signs <paramref name="payload"/> (null: POST-as-GET, an empty payload) for <paramref name="url"/>.</summary>
    public static string Sign(IJwsSigningKey key, Uri url, string? nonce, string? kid, object? payload)
    {
        var header = new Dictionary<string, object> { ["alg"] = key.Algorithm, ["url"] = url.AbsoluteUri };
        if (nonce is not null)
            header["nonce"] = nonce;
        if (kid is not null)
            header["kid"] = kid;
        else
            header["jwk"] = key.Jwk();
        var protectedHeader = Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(header, Json));
        var encodedPayload = payload is null ? "" : Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(payload, Json));
        var signature = key.Sign(Encoding.ASCII.GetBytes($"{protectedHeader}.{encodedPayload}"));
        return JsonSerializer.Serialize(new { @protected = protectedHeader, payload = encodedPayload, signature = Base64Url.Encode(signature) });
    }

    /// <summary>
    /// The External Account Binding (RFC 8555 §7.3.4): the account's JWK signed with the CA-issued HMAC key (HS256),
    /// carried inside newAccount.
    /// </summary>
    public static object ExternalAccountBinding(IJwsSigningKey accountKey, string keyId, byte[] hmacKey, Uri newAccountUrl)
    {
        var header = Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["alg"] = "HS256",
            ["kid"] = keyId,
            ["url"] = newAccountUrl.AbsoluteUri,
        }, Json));
        var payload = Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(accountKey.Jwk(), Json));
        var mac = HMACSHA256.HashData(hmacKey, Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return new Dictionary<string, string> { ["protected"] = header, ["payload"] = payload, ["signature"] = Base64Url.Encode(mac) };
    }
}
