using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Deployments;

/// <summary>
/// Waits for a binding's run of one certificate version to finish, through the API. A failed attempt waits for its
/// retry time: the watcher moves the portal's clock past it and lets the pending-runs job hand it on, so a run that
/// keeps failing reaches its final "failed" in seconds.
/// </summary>
public sealed class RunWatcher(PortalFactory portal, HttpClient api)
{
    public async Task<JsonElement> FinishedAsync(string deploymentId, int version, int seconds = 60)
    {
        JsonElement last = default;
        var retriesSeen = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            var runs = await api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{deploymentId}/runs");
            last = runs.EnumerateArray().FirstOrDefault(r => r.GetProperty("certificateVersion").GetInt32() == version);
            if (last.ValueKind != JsonValueKind.Object)
                continue;
            if (last.GetProperty("finishedAt").ValueKind == JsonValueKind.String)
                return last;
            var retries = Steps(last).Count(s => s.Name == "retry");
            if (last.GetProperty("status").GetString() == RunStatus.Queued && retries > retriesSeen)
            {
                retriesSeen = retries;
                portal.Clock.Advance(TimeSpan.FromMinutes(10));
                await using var scope = portal.Services.CreateAsyncScope();
                await ActivatorUtilities.CreateInstance<PendingRunsJob>(scope.ServiceProvider).RunOnceAsync(CancellationToken.None);
            }
        }
        throw new TimeoutException($"The run of version {version} did not finish: {last}");
    }

    public static IReadOnlyList<(string Name, string Status, string Message)> Steps(JsonElement run) =>
        run.GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("name").GetString()!, s.GetProperty("status").GetString()!, s.GetProperty("message").GetString()!)).ToList();
}
