using System.Net;
using System.Text.Json;

namespace CertPortal.Tests.Infrastructure;

public static class JsonResponses
{
    /// <summary>Asserts the status (showing the body when it differs) and returns the JSON body.</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The <c>items</c> of a <c>{ items, total }</c> list.</summary>
    public static JsonElement[] Items(this JsonElement list) => list.GetProperty("items").EnumerateArray().ToArray();

    public static int Total(this JsonElement list) => list.GetProperty("total").GetInt32();

    public static string? Str(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;
}
