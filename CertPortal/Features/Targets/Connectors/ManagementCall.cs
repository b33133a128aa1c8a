using System.Net;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>What device API clients share: a client for the target's https baseUrl, and one call whose transport failure becomes a technician's message.</summary>
internal static class ManagementCall
{
    public static HttpClient ForBaseUrl(TargetSettings settings, string device, IEnumerable<string>? alsoTrusted = null)
    {
        if (!Uri.TryCreate(settings.Required("baseUrl").TrimEnd('/') + "/", UriKind.Absolute, out var baseUrl) || baseUrl.Scheme != "https")
            throw TargetException.Setting($"{settings.Label("baseUrl")} must be the {device}'s https:// management address.");
        var http = ManagementHttp.Create(settings, alsoTrusted: alsoTrusted);
        http.BaseAddress = baseUrl;
        return http;
    }

    /// <summary>Sends and reads the whole answer; an unreachable or untrusted device throws <see cref="TargetException"/>.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient http, HttpRequestMessage request, string device, string what, CancellationToken ct)
    {
        try
        {
            using var response = await http.SendAsync(request, ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw ManagementHttp.Explain(e, $"The {device} at {http.BaseAddress?.Authority} could not be reached ({what})");
        }
    }
}
