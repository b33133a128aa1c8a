using System.Net.Http.Json;
using System.Text.Json;

namespace CertPortal.Tests.Deployments;

/// <summary>Waits on deployment runs through the API, as a client would.</summary>
public static class RunPolling
{
    /// <summary>Polls a binding's run list until the run of <paramref name="version"/> has the given status.</summary>
    public static async Task<JsonElement> WaitForStatusAsync(HttpClient api, string deploymentId, int version, string status)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var runs = await api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{deploymentId}/runs");
            var run = runs.EnumerateArray().FirstOrDefault(r => r.GetProperty("certificateVersion").GetInt32() == version);
            if (run.ValueKind == JsonValueKind.Object && run.GetProperty("status").GetString() == status)
                return run;
        }
        throw new TimeoutException($"No run of version {version} reached {status}.");
    }

    /// <summary>Polls a run (or the newest run of a version in a run list) until it has finished.</summary>
    public static async Task<JsonElement> WaitForFinishAsync(HttpClient api, string path, int? version = null)
    {
        JsonElement last = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var body = await api.GetFromJsonAsync<JsonElement>(path);
            var run = body.ValueKind == JsonValueKind.Array
                ? body.EnumerateArray().FirstOrDefault(r => r.GetProperty("certificateVersion").GetInt32() == version)
                : body;
            if (run.ValueKind == JsonValueKind.Object)
            {
                last = run;
                if (run.GetProperty("finishedAt").ValueKind == JsonValueKind.String)
                    return run;
            }
        }
        throw new TimeoutException($"The run did not finish: {last}");
    }

    /// <summary>Polls a trust binding's runs until one that pushed CRL <paramref name="crlNumber"/> (or newer) has finished.</summary>
    public static async Task<JsonElement> WaitForCrlRunAsync(HttpClient api, string trustDeploymentId, long crlNumber)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var last = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/trust-deployments/{trustDeploymentId}/runs")).EnumerateArray()
                .FirstOrDefault(r => r.GetProperty("crlNumber").GetInt64() >= crlNumber && r.GetProperty("finishedAt").ValueKind == JsonValueKind.String);
            if (last.ValueKind == JsonValueKind.Object)
                return last;
        }
        throw new TimeoutException($"No run pushed CRL {crlNumber}.");
    }
}
