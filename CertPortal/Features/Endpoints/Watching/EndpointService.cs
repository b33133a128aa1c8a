using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Certificates;
using CertPortal.Features.Customers;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Endpoints.Watching;

/// <summary>Watched endpoints: list, add by hand (looked at at once), remove, check now, adopt what one serves.</summary>
public sealed class EndpointService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICustomerDirectory customers,
    EndpointChecker checker,
    IObservedCertificates observed,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<EndpointView>> ListAsync(Guid? customerId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<WatchedEndpoint>().VisibleTo(actor).AsNoTracking();
        if (customerId is { } only)
            query = query.Where(e => e.CustomerId == only);
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. (await query.OrderBy(e => e.Host).ThenBy(e => e.Port).ThenBy(e => e.ServerName).ToListAsync(ct)).Select(e => EndpointView.Of(e, now))];
    }

    public async Task<Result<EndpointView>> GetAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var endpoint = await db.Set<WatchedEndpoint>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        return endpoint is null ? Result<EndpointView>.NotFound("No such endpoint.") : Result<EndpointView>.Ok(EndpointView.Of(endpoint, clock.GetUtcNow().UtcDateTime));
    }

    public async Task<Result<EndpointView>> AddAsync(EndpointInput input, Actor actor, CancellationToken ct = default)
    {
        var check = new Validation();
        if (input.CustomerId is not { } customerId || await customers.FindAsync(customerId, actor, ct) is null)
            check.Add("customerId", "There is no such customer.");
        if (EndpointAddress.HostProblem(input.Host, "Host") is { } hostProblem)
            check.Add("host", hostProblem);
        if (input.Port is not { } port)
            check.Add("port", "Port is required.");
        else if (EndpointAddress.PortProblem(port) is { } portProblem)
            check.Add("port", portProblem);
        if (!string.IsNullOrWhiteSpace(input.ServerName) && (EndpointAddress.HostProblem(input.ServerName, "Server name") is { } sniProblem))
            check.Add("serverName", sniProblem);
        else if (input.ServerName is { } sni && EndpointAddress.IsIp(sni.Trim()))
            check.Add("serverName", "A server name (SNI) is a DNS name, not an address.");
        if (!check.IsValid)
            return await RefusedAsync(check, input, ct);

        var host = EndpointAddress.Normalize(input.Host!);
        // A host given by name is sent as SNI unless another name is given.
        var serverName = string.IsNullOrWhiteSpace(input.ServerName) ? EndpointAddress.IsIp(host) ? "" : host : EndpointAddress.Normalize(input.ServerName);
        var endpoint = new WatchedEndpoint
        {
            Id = Guid.NewGuid(), CustomerId = input.CustomerId!.Value, Host = host, Port = input.Port!.Value, ServerName = serverName,
            Origin = EndpointOrigins.Manual, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Set<WatchedEndpoint>().AnyAsync(e => e.CustomerId == endpoint.CustomerId && e.Host == host && e.Port == endpoint.Port && e.ServerName == serverName, ct))
                return await RefusedAsync(new Validation().Add("host", $"{host}:{endpoint.Port} is already watched for this customer."), input, ct);
            db.Add(endpoint);
            await db.SaveChangesAsync(ct);
        }
        await audit.RecordAsync("endpoint.add", "WatchedEndpoint", endpoint.Id.ToString(), $"Watching {host}:{endpoint.Port}{(serverName is "" ? "" : $" (SNI {serverName})")}.",
            customerId: endpoint.CustomerId, ct: ct);
        await checker.CheckAsync([endpoint.Id], ct);
        return await GetAsync(endpoint.Id, actor, ct);
    }

    public async Task<Result<bool>> DeleteAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var endpoint = await db.Set<WatchedEndpoint>().VisibleTo(actor).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null)
            return Result<bool>.NotFound("No such endpoint.");
        if (endpoint.Origin == EndpointOrigins.Binding)
        {
            await audit.RecordAsync("endpoint.delete", "WatchedEndpoint", id.ToString(), $"Refused: {endpoint.Host}:{endpoint.Port} is a deployment binding's endpoint.",
                AuditOutcome.Failure, endpoint.CustomerId, ct);
            return Result<bool>.Conflict("This is the endpoint of a deployment binding; it is watched as long as the binding exists.");
        }
        db.Remove(endpoint);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("endpoint.delete", "WatchedEndpoint", id.ToString(), $"No longer watching {endpoint.Host}:{endpoint.Port}.", customerId: endpoint.CustomerId, ct: ct);
        return Result<bool>.Ok(true);
    }

    public async Task<Result<EndpointView>> CheckNowAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        if ((await GetAsync(id, actor, ct)) is { IsOk: false } missing)
            return missing;
        await checker.CheckAsync([id], ct);
        return await GetAsync(id, actor, ct);
    }

    /// <summary>Tracks the certificate the endpoint serves as an observed certificate (no key), and looks at the endpoint again so it reads as known.</summary>
    public async Task<Result<AdoptedCertificate>> AdoptAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        WatchedEndpoint? endpoint;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            endpoint = await db.Set<WatchedEndpoint>().VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null)
            return Result<AdoptedCertificate>.NotFound("No such endpoint.");
        if (endpoint.ChainPem is null)
            return Result<AdoptedCertificate>.Conflict("Nothing has been read from this endpoint yet; check it first.");
        if (endpoint.KnownCertificateId is { } known)
            return Result<AdoptedCertificate>.Conflict($"It serves a tracked certificate already ({known}).");
        var adopted = await observed.ImportObservedAsync(endpoint.CustomerId, endpoint.ChainPem, actor, ct);
        if (!adopted.IsOk)
            return adopted.As<AdoptedCertificate>();
        await checker.CheckAsync([id], ct);
        return Result<AdoptedCertificate>.Ok(new AdoptedCertificate(adopted.Value, (await GetAsync(id, actor, ct)).Value!));
    }

    private async Task<Result<EndpointView>> RefusedAsync(Validation check, EndpointInput input, CancellationToken ct)
    {
        await audit.RecordAsync("endpoint.add", "WatchedEndpoint", null,
            $"Refused {input.Host}:{input.Port}: {string.Join(" ", check.Errors.SelectMany(e => e.Value))}", AuditOutcome.Failure, input.CustomerId, ct);
        return check.ToResult<EndpointView>();
    }
}
