namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>
/// A request the ACME server refuses, with the RFC 8555 §6.7 error type: raised anywhere in handling and written once,
/// as application/problem+json with a fresh nonce, by <see cref="AcmeResponder"/>.
/// </summary>
public sealed class AcmeRefusal(string type, string detail, int status = 400, string? location = null) : Exception(detail)
{
    public string Type => "urn:ietf:params:acme:error:" + type;

    public string Kind => type;

    public int Status => status;

    public string? Location => location;

    /// <summary>The problem document as stored on an order or authorization that failed.</summary>
    public object Document => new { type = Type, detail = Message, status };

    public static AcmeRefusal Malformed(string detail) => new("malformed", detail);

    public static AcmeRefusal Unauthorized(string detail) => new("unauthorized", detail, 403);

    public static AcmeRefusal NotFound(string what) => new("malformed", $"There is no such {what}.", 404);
}
