using System.Text.Json;
using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>
/// Authorizations and their challenges (RFC 8555 §7.5). Answering a challenge checks it at once, within the
/// request: the client has its answer in place when it asks, and the outcome is stored before the reply.
/// </summary>
public sealed class AcmeAuthorizations(IDbContextFactory<AppDbContext> dbFactory, AcmeChallengeCheck check, AuditLog audit, TimeProvider clock)
{
    public async Task<AcmeAnswer> AuthorizationAsync(Guid id, AcmeSignedRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var authorization = await LoadAsync(db, id, request, ct);
        if (!request.Jws.IsPostAsGet)
        {
            var payload = request.Payload();
            if (!payload.TryGetProperty("status", out var status) || status.GetString() != AcmeStatus.Deactivated)
                throw AcmeRefusal.Malformed("An authorization's status can only be set to deactivated.");
            authorization.Status = AcmeStatus.Deactivated;
            await db.SaveChangesAsync(ct);
        }
        return AcmeAnswer.Ok(AcmeResourceViews.Authorization(authorization, request.Urls), request.Urls.Authorization(id));
    }

    public async Task<AcmeAnswer> ChallengeAsync(Guid authorizationId, string type, AcmeSignedRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var authorization = await LoadAsync(db, authorizationId, request, ct);
        if (!AcmeChallengeTypes.For(authorization).Contains(type))
            throw AcmeRefusal.NotFound("challenge");
        // POST-as-GET reads the challenge; an object payload ({} per §7.5.1) asks for the check.
        if (!request.Jws.IsPostAsGet && authorization.Status == AcmeStatus.Pending && authorization.Expires > clock.GetUtcNow().UtcDateTime)
            await ValidateAsync(db, authorization, type, request, ct);
        return new AcmeAnswer(200, AcmeResourceViews.Challenge(authorization, type, request.Urls), Location: null,
            Links: [$"<{request.Urls.Authorization(authorizationId)}>;rel=\"up\""]);
    }

    private async Task ValidateAsync(AppDbContext db, AcmeServerAuthorization authorization, string type, AcmeSignedRequest request, CancellationToken ct)
    {
        var account = request.RequireAccount();
        authorization.ChallengeType = type;
        try
        {
            await check.CheckAsync(type, authorization.Identifier, authorization.Token, $"{authorization.Token}.{account.Thumbprint}", ct);
            authorization.Status = AcmeStatus.Valid;
            authorization.ValidatedAt = clock.GetUtcNow().UtcDateTime;
        }
        catch (AcmeRefusal refusal)
        {
            authorization.Status = AcmeStatus.Invalid;
            authorization.Error = JsonSerializer.Serialize(refusal.Document);
            await audit.RecordAsync("acme-server.challenge", AcmeResponder.EntityType, authorization.Id.ToString(),
                $"{type} for {authorization.Identifier} failed: {refusal.Kind}: {refusal.Message}", AuditOutcome.Failure, account.CustomerId, ct);
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task<AcmeServerAuthorization> LoadAsync(AppDbContext db, Guid id, AcmeSignedRequest request, CancellationToken ct)
    {
        var account = request.RequireAccount();
        return await db.Set<AcmeServerAuthorization>().SingleOrDefaultAsync(a => a.Id == id && a.AccountId == account.Id, ct)
            ?? throw AcmeRefusal.NotFound("authorization");
    }
}
