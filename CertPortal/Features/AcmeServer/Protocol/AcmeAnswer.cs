using System.Text.Json;
using System.Text.Json.Serialization;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>What an ACME resource answers: status, body (an object as JSON, or text such as a PEM chain) and headers.</summary>
public sealed record AcmeAnswer(int Status, object? Body, string ContentType = "application/json", string? Location = null,
    IReadOnlyList<string>? Links = null, int? RetryAfterSeconds = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static AcmeAnswer Ok(object body, string? location = null) => new(200, body, Location: location);
}
