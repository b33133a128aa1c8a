using CertPortal.Common;
using CertPortal.Features.Audit;
using CertPortal.Features.CertificateAuthorities;
using CertPortal.Features.Certificates;
using CertPortal.Features.Certificates.Accounts;
using CertPortal.Features.Customers;
using CertPortal.Features.Deployments;
using CertPortal.Features.DnsProviders;
using CertPortal.Features.Targets;
using CertPortal.Security;

namespace CertPortal.Features.Dashboard.GettingStarted;

/// <summary>
/// Where a new portal stands on the way to its first verified deployment: a customer, a tested DNS provider, an ACME
/// account or CA, a certificate, a tested target and a binding. A target keeps when its Test last passed; for a DNS
/// provider the audit log's record of a passed Test is the evidence.
/// </summary>
public sealed class GettingStartedChecklist(
    ICustomerDirectory customers,
    DnsProviderService dnsProviders,
    AcmeAccountService accounts,
    CaService cas,
    CertificateService certificates,
    ITargetAccess targets,
    DeploymentStatistics deployments,
    AuditQuery audit)
{
    public async Task<SetupProgress> GetAsync(Actor actor, CancellationToken ct = default)
    {
        if (await deployments.AnyVerifiedAsync(actor, ct))
            return new SetupProgress([]);
        var one = Paging.From(1, 1);
        var hasCustomer = (await customers.ListAsync(actor, ct)).Count > 0;
        var hasDns = (await dnsProviders.ListAsync(null, one, actor, ct)).Total > 0;
        var hasIssuer = (await accounts.ListAsync(null, one, actor, ct)).Total > 0 || (await cas.ListAsync(null, null, one, actor, ct)).Total > 0;
        var hasCertificate = (await certificates.ListAsync(new CertificateFilter(), one, actor, ct)).Total > 0;
        var testedTarget = (await targets.ListAsync(null, Paging.From(1, Paging.MaxPageSize), actor, ct)).Items.Any(t => t.TestPassedAt is not null);
        var hasBinding = (await deployments.SummaryAsync(actor, null, ct)).Bindings > 0;
        return new SetupProgress(
        [
            new("customer", "Add a customer", "Everything else belongs to a customer.", hasCustomer),
            new("dns-provider", "Add a DNS provider and test it", "Where the portal writes the TXT records that prove the names (DNS-01).",
                hasDns && await PassedAsync("dns-provider.test", actor, ct)),
            new("issuer", "Register an ACME account or create a CA", "Who signs: a public ACME CA such as Let's Encrypt, or the portal's own private CA.", hasIssuer),
            new("certificate", "Request a certificate", "Its names, the account and the DNS provider; the portal renews it from then on.", hasCertificate),
            new("target", "Add a target and test it", "The firewall, server or appliance that serves the certificate.",
                testedTarget),
            new("binding", "Bind the certificate to the target", "Every new version is then deployed and checked on the live endpoint.", hasBinding),
        ]);
    }

    private async Task<bool> PassedAsync(string action, Actor actor, CancellationToken ct) =>
        (await audit.SearchAsync(new AuditFilter(Action: action), Paging.From(1, Paging.MaxPageSize), actor, ct)).Items.Any(e => e.Outcome == AuditOutcome.Success);
}
