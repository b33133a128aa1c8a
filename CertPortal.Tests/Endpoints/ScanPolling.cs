using System.Net.Http.Json;
using System.Text.Json;

namespace CertPortal.Tests.Endpoints;

/// <summary>Waits for a scan to finish through the API, as a client would.</summary>
public static class ScanPolling
{
    public static async Task<JsonElement> WaitForFinishAsync(HttpClient api, string scanId, int seconds = 90)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var scan = await api.GetFromJsonAsync<JsonElement>($"/api/v1/discovery/scans/{scanId}");
            if (scan.GetProperty("status").GetString() == "finished")
                return scan;
            Assert.True(DateTime.UtcNow < until, $"The scan did not finish: {scan}");
            await Task.Delay(200);
        }
    }
}
