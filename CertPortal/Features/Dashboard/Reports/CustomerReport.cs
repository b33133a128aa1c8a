using CertPortal.Common;
using CertPortal.Features.CertificateAuthorities;
using CertPortal.Features.Certificates;
using CertPortal.Features.ClientCerts;
using CertPortal.Features.Deployments;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.Settings;
using CertPortal.Security;

namespace CertPortal.Features.Dashboard.Reports;

/// <summary>Gathers one customer's printable report from the slices' services, as the actor may see them.</summary>
public sealed class CustomerReport(
    ReportScope scope,
    ICertificateInventory certificates,
    DeploymentService deployments,
    ClientCertService clientCerts,
    CaService cas,
    IAlertRules alertRules,
    TimeProvider clock)
{
    public async Task<Result<CustomerReportView>> BuildAsync(Guid customerId, Actor actor, CancellationToken ct = default)
    {
        var found = await scope.CustomersAsync(customerId, actor, ct);
        if (!found.IsOk)
            return found.As<CustomerReportView>();
        var customer = found.Value![0];
        var now = clock.GetUtcNow().UtcDateTime;
        var horizonDays = (await alertRules.GetAsync(ct)).WidestThresholdDays;
        var horizon = now.AddDays(horizonDays);

        var rows = await certificates.RowsAsync(customer.Id, ct);
        var bindings = await AllAsync(paging => deployments.ListAsync(customer.Id, null, null, paging, actor, ct));
        var names = rows.ToDictionary(r => r.Id, r => r.CommonName);
        var ordered = bindings.OrderBy(d => names.GetValueOrDefault(d.CertificateId, d.CertificateName), StringComparer.OrdinalIgnoreCase)
            .ThenBy(d => d.TargetName, StringComparer.OrdinalIgnoreCase).ToList();
        var clients = (await clientCerts.ListAsync(new ClientCertFilter(customer.Id, Status: ClientCertStatus.Valid), Paging.From(1, Paging.MaxPageSize), actor, ct))
            .Items.Where(c => c.NotAfter <= horizon).ToList();
        var authorities = (await AllAsync(paging => cas.ListAsync(customer.Id, paging, actor, ct)))
            .Where(c => c.CustomerId == customer.Id && c.NotAfter <= horizon).OrderBy(c => c.NotAfter).ToList();

        var counts = new CustomerReportCounts(rows.Count,
            rows.GroupBy(r => r.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            rows.Count(r => r.Status == CertificateStatus.Valid && r.NotAfter <= horizon),
            bindings.Count,
            bindings.Count(NeedsAttention),
            clients.Count,
            authorities.Count);
        return Result<CustomerReportView>.Ok(new CustomerReportView(customer, now, horizonDays, counts, rows, ordered, clients, authorities));
    }

    /// <summary>A binding whose last run did not end well, that waits for a person, or whose target serves an older version.</summary>
    public static bool NeedsAttention(DeploymentView binding) =>
        binding.Outdated || binding.LastRun is { Status: RunStatus.Failed or RunStatus.RolledBack } or { AwaitingPerson: true };

    private static async Task<List<T>> AllAsync<T>(Func<Paging, Task<PagedList<T>>> page)
    {
        var all = new List<T>();
        for (var number = 1; ; number++)
        {
            var next = await page(Paging.From(number, Paging.MaxPageSize));
            all.AddRange(next.Items);
            if (next.Items.Count < Paging.MaxPageSize || all.Count >= next.Total)
                return all;
        }
    }
}
