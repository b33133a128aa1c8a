using CertPortal.Features.Certificates;
using CertPortal.Features.Certificates.Accounts;
using CertPortal.Features.DnsProviders;
using CertPortal.Security;

namespace CertPortal.Features.Notifications.Detection;

/// <summary>
/// Alerts from orders as they end, not at the next scan: a failed issue or renewal (once until the certificate is
/// issued again, which raises its recovery) and the CA account or DNS provider that did not answer (once until an
/// order through it succeeds). Never throws into the run.
/// </summary>
public sealed class CertificateAlerts(
    AlertLedger ledger,
    AlertComposer compose,
    CertificateService certificates,
    AcmeAccountService accounts,
    DnsProviderService providers,
    ILogger<CertificateAlerts> logger) : ICertificateIssuanceFailedListener, ICertificateIssuedListener
{
    private static readonly Actor Job = Actor.Job(nameof(CertificateAlerts));

    public async Task OnFailedAsync(CertificateIssuanceFailed failed, CancellationToken ct)
    {
        try
        {
            await ledger.OpenAsync(AlertKeys.RenewalFailed(failed.CertificateId), await compose.IssuanceFailedAsync(failed, ct), ct);
            if (failed.Unreachable is { } peer && await PeerAsync(peer, ct) is var (name, customerId))
                await ledger.OpenAsync(AlertKeys.Unreachable(peer.Id), await compose.UnreachableAsync(peer, name, customerId, failed, ct), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not raise the alert for the failed order of certificate {CertificateId} (CustomerId {CustomerId}, RunId {RunId})",
                failed.CertificateId, failed.CustomerId, failed.RunId);
        }
    }

    public async Task OnIssuedAsync(CertificateIssued issued, CancellationToken ct)
    {
        try
        {
            if ((await certificates.GetAsync(issued.CertificateId, Job, ct)).Value is not { } certificate)
                return;
            await ledger.ResolveAsync([AlertKeys.RenewalFailed(certificate.Id)], await compose.RecoveredAsync(certificate, ct), ct);
            // The thresholds of the version this one replaces are done with; the new version starts afresh.
            await ledger.ResolvePrefixAsync(AlertKeys.ExpiringPrefix(certificate.Id), ct);
            if (certificate.Source != CertificateSources.Acme)
                return;
            var through = new List<string>();
            if (certificate.AcmeAccountId is { } account)
                through.Add(AlertKeys.Unreachable(account));
            if (certificate.DnsProviderId is { } provider && certificate.ChallengeType == "dns-01")
                through.Add(AlertKeys.Unreachable(provider));
            await ledger.ResolveAsync(through, null, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not resolve the alerts of certificate {CertificateId} (CustomerId {CustomerId})", issued.CertificateId, issued.CustomerId);
        }
    }

    private async Task<(string Name, Guid? CustomerId)?> PeerAsync(UnreachablePeer peer, CancellationToken ct)
    {
        if (peer.Type == UnreachablePeer.DnsProvider)
            return (await providers.GetAsync(peer.Id, Job, ct)).Value is { } provider ? (provider.Name, provider.CustomerId) : null;
        return (await accounts.GetAsync(peer.Id, Job, ct)).Value is { } account ? (account.Name, account.CustomerId) : null;
    }
}
