using System.Text.Json;

namespace CertPortal.Tests.Notifications;

/// <summary>One POST the receiver took: where, what (raw bytes) and with which headers; whether its signature matched.</summary>
public sealed record ReceivedPost(string Path, byte[] Body, IReadOnlyDictionary<string, string> Headers, bool SignatureValid)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
