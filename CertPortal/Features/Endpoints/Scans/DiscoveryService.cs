using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Customers;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.Endpoints.Scans;

/// <summary>Scans: start (checked, audited, queued), read one with its findings, list a customer's.</summary>
public sealed class DiscoveryService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICustomerDirectory customers,
    DiscoveryQueue queue,
    AuditLog audit,
    IOptions<DiscoveryOptions> options,
    TimeProvider clock)
{
    public const int ListLimit = 100;

    public async Task<Result<ScanView>> StartAsync(ScanInput input, Actor actor, CancellationToken ct = default)
    {
        var request = ScanRequest.Parse(input.Hosts, input.Ports, options.Value);
        var check = new Validation();
        if (input.CustomerId is not { } customerId || await customers.FindAsync(customerId, actor, ct) is null)
            check.Add("customerId", "There is no such customer.");
        foreach (var (field, messages) in request.Errors)
            foreach (var message in messages)
                check.Add(field, message);
        if (!check.IsValid)
        {
            await audit.RecordAsync("discovery.scan", "DiscoveryScan", null,
                $"Refused a scan of {Shown(input.Hosts)} on ports {Shown(input.Ports?.Select(p => p.ToString()))}: {string.Join(" ", check.Errors.SelectMany(e => e.Value))}",
                AuditOutcome.Failure, input.CustomerId, ct);
            return check.ToResult<ScanView>();
        }
        var scan = new DiscoveryScan
        {
            Id = Guid.NewGuid(), CustomerId = input.CustomerId!.Value, Hosts = [.. input.Hosts!.Select(h => h.Trim())], Ports = [.. request.Value!.Ports],
            Total = request.Value.Pairs, StartedBy = actor.Name.Length > 200 ? actor.Name[..200] : actor.Name, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Add(scan);
            await db.SaveChangesAsync(ct);
        }
        await audit.RecordAsync("discovery.scan", "DiscoveryScan", scan.Id.ToString(),
            $"Started a scan of {Shown(scan.Hosts)} on ports {Shown(scan.Ports.Select(p => p.ToString()))} ({scan.Total} pairs).", customerId: scan.CustomerId, ct: ct);
        await queue.EnqueueAsync(scan.Id, ct);
        return Result<ScanView>.Ok(ScanView.Of(scan, []));
    }

    public async Task<Result<ScanView>> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scan = await db.Set<DiscoveryScan>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (scan is null)
            return Result<ScanView>.NotFound("No such scan.");
        var findings = await db.Set<ScanFinding>().AsNoTracking().Where(f => f.ScanId == id).ToListAsync(ct);
        return Result<ScanView>.Ok(ScanView.Of(scan, [.. findings.OrderBy(f => f.Host).ThenBy(f => f.Port).Select(ScanEndpointView.Of)]));
    }

    /// <summary>The newest scans (of the customer, when given), without their findings.</summary>
    public async Task<IReadOnlyList<ScanView>> ListAsync(Guid? customerId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<DiscoveryScan>().VisibleTo(actor).AsNoTracking();
        if (customerId is { } only)
            query = query.Where(s => s.CustomerId == only);
        var scans = await query.OrderByDescending(s => s.CreatedAt).Take(ListLimit).ToListAsync(ct);
        return [.. scans.Select(s => ScanView.Of(s, []))];
    }

    private static string Shown(IEnumerable<string>? values)
    {
        var text = string.Join(", ", values ?? []);
        return text.Length > 300 ? text[..300] + "…" : text.Length == 0 ? "nothing" : text;
    }
}
