using System.Xml.Linq;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// A PAN-OS commit: <c>type=commit</c> answers a job id (or "no changes"), polled with <c>show jobs id</c> until FIN,
/// whose result is OK or FAIL with <c>details/line</c>s. Another admin's commit in progress is waited for with a
/// bounded backoff rather than fought.
/// </summary>
internal sealed class PanOsCommit(PanOsApi api, Func<string, string, Task> step, TimeProvider clock, TimeSpan interval, TimeSpan timeout, int attempts)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var job = await StartAsync(ct);
        if (job is null)
        {
            await step("commit", "Nothing to commit: the firewall already runs this configuration.");
            return;
        }
        var deadline = clock.GetUtcNow() + timeout;
        while (true)
        {
            var reply = await api.SendAsync(PanOsConnector.Op($"<show><jobs><id>{job}</id></jobs></show>"), null, $"reading commit job {job}", ct);
            if (!reply.Ok)
                throw PanOsApi.Explain(reply, $"reading commit job {job}");
            if (reply.Result("job/status") == "FIN")
            {
                var details = string.Join(" ", reply.Root.Descendants("details").Descendants("line").Select(l => l.Value.Trim()).Where(l => l.Length > 0));
                if (reply.Result("job/result") != "OK")
                    throw new TargetException($"The commit (job {job}) failed{(details.Length > 0 ? $": {details}" : ".")}");
                await step("commit", $"Commit job {job} finished OK.");
                return;
            }
            if (clock.GetUtcNow() > deadline)
                throw new TargetException($"The commit (job {job}) did not finish within {timeout.TotalMinutes:0.#} minutes; it is {reply.Result("job/status")} on the firewall.");
            await Task.Delay(interval, clock, ct);
        }
    }

    private async Task<string?> StartAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reply = await api.SendAsync(new Dictionary<string, string> { ["type"] = "commit", ["cmd"] = "<commit></commit>" }, null, "committing", ct);
            if (reply.Ok)
                return reply.Result("job");
            if (!reply.Message.Contains("in progress", StringComparison.OrdinalIgnoreCase))
                throw PanOsApi.Explain(reply, "committing");
            if (attempt >= attempts)
                throw new TargetException($"Another commit was still in progress after {attempts} attempts; try again later ({reply.Message}).");
            await step("commit", $"Another commit is in progress; waiting (attempt {attempt} of {attempts}).");
            await Task.Delay(interval * Math.Pow(2, attempt - 1), clock, ct);
        }
    }
}
