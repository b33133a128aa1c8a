using System.Security.Cryptography;
using CertPortal.Acme;
using CertPortal.Data;
using CertPortal.Features.AcmeServer.Eab;
using CertPortal.Features.CertificateAuthorities;
using CertPortal.Pki;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>newOrder and reading an order (RFC 8555 §7.4): the policy is checked when the order is made, so a name outside it never gets a challenge.</summary>
public sealed class AcmeOrders(IDbContextFactory<AppDbContext> dbFactory, ICaSigning cas, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public async Task<AcmeAnswer> NewOrderAsync(AcmeSignedRequest request, CancellationToken ct)
    {
        var account = request.RequireAccount();
        var payload = request.Payload();
        if (payload.TryGetProperty("notBefore", out _) || payload.TryGetProperty("notAfter", out _))
            throw AcmeRefusal.Malformed("notBefore and notAfter are not taken here: the lifetime comes from the profile.");
        var profile = AcmeIdentifiers.Profile(payload);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var policy = await PolicyAsync(db, account, ct);
        var names = AcmeIdentifiers.Read(payload, policy, await ConstraintsAsync(request.Urls.CaId, ct));

        var now = clock.GetUtcNow().UtcDateTime;
        var order = new AcmeServerOrder
        {
            Id = Guid.NewGuid(), AccountId = account.Id, CaId = request.Urls.CaId, Identifiers = names, Profile = profile, Expires = now + Lifetime, CreatedAt = now,
        };
        var authorizations = names.Select(n => new AcmeServerAuthorization
        {
            Id = Guid.NewGuid(), OrderId = order.Id, AccountId = account.Id, Identifier = n.StartsWith("*.", StringComparison.Ordinal) ? n[2..] : n,
            Wildcard = n.StartsWith("*.", StringComparison.Ordinal), Expires = order.Expires, Token = Base64Url.Encode(RandomNumberGenerator.GetBytes(32)),
        }).ToList();
        db.Add(order);
        db.AddRange(authorizations);
        await db.SaveChangesAsync(ct);
        return new AcmeAnswer(201, AcmeResourceViews.Order(order, authorizations, request.Urls), Location: request.Urls.Order(order.Id));
    }

    public async Task<AcmeAnswer> OrderAsync(Guid id, AcmeSignedRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (order, authorizations) = await LoadAsync(db, id, request, ct);
        return AcmeAnswer.Ok(AcmeResourceViews.Order(order, authorizations, request.Urls), request.Urls.Order(id));
    }

    /// <summary>The order of the signing account with its authorizations, in order of its names; 404 for anyone else's.</summary>
    public static async Task<(AcmeServerOrder, List<AcmeServerAuthorization>)> LoadAsync(AppDbContext db, Guid id, AcmeSignedRequest request, CancellationToken ct)
    {
        var account = request.RequireAccount();
        var order = await db.Set<AcmeServerOrder>().AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.AccountId == account.Id, ct)
            ?? throw AcmeRefusal.NotFound("order");
        var authorizations = await db.Set<AcmeServerAuthorization>().AsNoTracking().Where(a => a.OrderId == id).ToListAsync(ct);
        return (order, authorizations.OrderBy(a => order.Identifiers.IndexOf(a.Wildcard ? "*." + a.Identifier : a.Identifier)).ToList());
    }

    public static async Task<AcmeEabKey> PolicyAsync(AppDbContext db, AcmeServerAccount account, CancellationToken ct) =>
        await db.Set<AcmeEabKey>().AsNoTracking().SingleAsync(k => k.Id == account.EabKeyId, ct) is { RevokedAt: null } key
            ? key
            : throw AcmeRefusal.Unauthorized("The EAB key this account was bound with has been revoked in the portal.");

    private async Task<DnsNameConstraints?> ConstraintsAsync(Guid caId, CancellationToken ct)
    {
        var opened = await cas.OpenIssuerAsync(caId, AcmeResponder.ActorFor(caId), ct);
        if (!opened.IsOk)
            throw AcmeRefusal.Unauthorized($"The CA cannot issue: {opened.Message}");
        using var ca = opened.Value!;
        return DnsNameConstraints.Of(ca.Issuer.Certificate);
    }
}
