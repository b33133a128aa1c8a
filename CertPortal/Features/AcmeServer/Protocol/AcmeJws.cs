using System.Text;
using System.Text.Json;
using CertPortal.Acme;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>A flattened JWS (RFC 7515 §7.2.2) as ACME requests carry it, parsed but not yet verified.</summary>
public sealed class AcmeJws
{
    private AcmeJws(JsonElement header, string protectedPart, string payloadPart, byte[] signature, byte[] payload) =>
        (Header, SigningInput, Signature, Payload, IsPostAsGet) = (header, Encoding.ASCII.GetBytes($"{protectedPart}.{payloadPart}"), signature, payload, payloadPart.Length == 0);

    public JsonElement Header { get; }

    public byte[] SigningInput { get; }

    public byte[] Signature { get; }

    public byte[] Payload { get; }

    /// <summary>An empty payload: POST-as-GET (RFC 8555 §6.3).</summary>
    public bool IsPostAsGet { get; }

    public string? Alg => Text("alg");

    public string? Nonce => Text("nonce");

    public string? Url => Text("url");

    public string? Kid => Text("kid");

    public JsonElement? Jwk => Header.TryGetProperty("jwk", out var jwk) ? jwk : null;

    public static AcmeJws Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw AcmeRefusal.Malformed("The request body must be a flattened JWS object.");
        var protectedPart = Part(body, "protected");
        var payloadPart = Part(body, "payload");
        var signaturePart = Part(body, "signature");
        if (body.TryGetProperty("header", out _))
            throw AcmeRefusal.Malformed("An unprotected header is not allowed (RFC 8555 §6.2).");
        try
        {
            var header = JsonDocument.Parse(Base64Url.Decode(protectedPart)).RootElement.Clone();
            if (header.ValueKind != JsonValueKind.Object)
                throw AcmeRefusal.Malformed("The protected header is not a JSON object.");
            return new AcmeJws(header, protectedPart, payloadPart, Base64Url.Decode(signaturePart), payloadPart.Length == 0 ? [] : Base64Url.Decode(payloadPart));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw AcmeRefusal.Malformed("The JWS is not base64url-encoded JSON.");
        }
    }

    /// <summary>The payload as JSON; a POST-as-GET where an object was needed is malformed.</summary>
    public JsonElement PayloadJson()
    {
        if (IsPostAsGet)
            throw AcmeRefusal.Malformed("This request needs a payload.");
        try
        {
            var payload = JsonDocument.Parse(Payload).RootElement.Clone();
            return payload.ValueKind == JsonValueKind.Object ? payload : throw AcmeRefusal.Malformed("The payload must be a JSON object.");
        }
        catch (JsonException)
        {
            throw AcmeRefusal.Malformed("The payload is not JSON.");
        }
    }

    private string? Text(string name) => Header.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Part(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw AcmeRefusal.Malformed($"The JWS has no '{name}'.");
}
