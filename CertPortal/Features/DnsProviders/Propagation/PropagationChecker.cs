namespace CertPortal.Features.DnsProviders.Propagation;

/// <summary>
/// Waits until every given server answers the TXT value, so the CA is not asked before the record is out there.
/// The servers are the zone's authoritative ones or the provider's configured <c>resolvers</c>.
/// </summary>
public sealed class PropagationChecker(TimeProvider clock)
{
    public async Task<PropagationResult> WaitAsync(IReadOnlyList<DnsServerAddress> servers, string recordName, string value,
        TimeSpan timeout, CancellationToken ct, TimeSpan? interval = null)
    {
        var started = clock.GetUtcNow();
        var missing = servers.ToList();
        while (true)
        {
            foreach (var server in missing.ToList())
            {
                try
                {
                    if ((await DnsLookup.TxtAsync(server, recordName, ct)).Contains(value))
                        missing.Remove(server);
                }
                catch (Exception e) when (e is System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
                {
                    // A server that does not answer this round is asked again next round.
                }
            }
            var elapsed = clock.GetUtcNow() - started;
            if (missing.Count == 0)
                return new PropagationResult(true, elapsed, []);
            if (elapsed >= timeout)
                return new PropagationResult(false, elapsed, missing);
            await Task.Delay(interval ?? TimeSpan.FromSeconds(2), clock, ct);
        }
    }
}

/// <summary>Whether every server had the value, after how long, and which had not.</summary>
public sealed record PropagationResult(bool Propagated, TimeSpan Elapsed, IReadOnlyList<DnsServerAddress> Missing)
{
    public string Describe(string recordName, string value) => Propagated
        ? $"{recordName} answered by every server after {Elapsed.TotalSeconds:F0} s."
        : $"{recordName} was not seen with the expected value on {string.Join(", ", Missing)} within {Elapsed.TotalSeconds:F0} s.";
}
