using System.Security.Cryptography;
using System.Text;
using CertPortal.Common;
using CertPortal.Data;
using CertPortal.Features.Audit;
using CertPortal.Features.Customers;
using CertPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Users.ApiTokens;

/// <summary>Creates, lists, revokes and checks API tokens. The tokens page, the API and the CLI all call this.</summary>
public sealed class ApiTokenService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICustomerDirectory customers,
    AuditLog audit,
    ActorAccessor actors,
    TimeProvider clock)
{
    public const string TokenPrefix = "cpt_";

    // Writing last-used on every request would turn each API read into a write; once a minute is enough.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<Result<CreatedApiToken>> CreateAsync(ApiTokenInput input, CancellationToken ct = default)
    {
        var name = input.Name?.Trim();
        var check = new Validation().Require("name", name, "Name", 100);
        var role = Roles.FromApiName(input.Role);
        if (role is null)
            check.Add("role", "Role must be admin, technician or readonly.");
        var actor = await actors.GetAsync();
        if (input.CustomerId is { } customerId && await customers.FindAsync(customerId, actor, ct) is null)
            check.Add("customerId", "There is no such customer.");
        // A token is never wider than the one who makes it.
        if (input.CustomerId is null && actor.IsScoped)
            check.Add("customerId", "You are limited to some customers: choose one of them for the token.");
        if (!check.IsValid)
        {
            var invalid = check.ToResult<CreatedApiToken>();
            await audit.RecordAsync("api-token.create", "ApiToken", null, $"Refused token '{name}': {invalid.Message}", AuditOutcome.Failure, ct: ct);
            return invalid;
        }

        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var entity = new ApiToken
        {
            Id = Guid.NewGuid(),
            Name = name!,
            TokenHash = Hash(token),
            Prefix = token[..(TokenPrefix.Length + 6)],
            Role = role!,
            CustomerId = input.CustomerId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = actor.Name,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Add(entity);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("api-token.create", "ApiToken", entity.Id.ToString(),
            $"Created API token '{entity.Name}' ({entity.Prefix}…) with role {Roles.ToApiName(role!)}" +
            (input.CustomerId is { } c ? $", limited to customer {c}." : "."), customerId: input.CustomerId, ct: ct);
        return Result<CreatedApiToken>.Ok(new CreatedApiToken(ApiTokenView.From(entity), token));
    }

    public async Task<PagedList<ApiTokenView>> ListAsync(bool includeRevoked, Paging paging, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<ApiToken>().AsNoTracking();
        if (!includeRevoked)
            query = query.Where(t => t.RevokedAt == null);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(t => t.RevokedAt != null).ThenBy(t => t.Name)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<ApiTokenView>(items.Select(ApiTokenView.From).ToList(), total);
    }

    public async Task<Result<ApiTokenView>> RevokeAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Set<ApiToken>().FindAsync([id], ct) is not { } token)
            return Result<ApiTokenView>.NotFound("No such API token.");
        if (token.RevokedAt is not null)
            return Result<ApiTokenView>.Conflict($"API token '{token.Name}' is already revoked.");
        token.RevokedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("api-token.revoke", "ApiToken", token.Id.ToString(), $"Revoked API token '{token.Name}' ({token.Prefix}…).",
            customerId: token.CustomerId, ct: ct);
        return Result<ApiTokenView>.Ok(ApiTokenView.From(token));
    }

    /// <summary>The active token matching <paramref name="presented"/>, or null.</summary>
    public async Task<ApiToken?> AuthenticateAsync(string presented, CancellationToken ct = default)
    {
        if (!presented.StartsWith(TokenPrefix, StringComparison.Ordinal) || presented.Length > 100)
            return null;
        var hash = Hash(presented);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.Set<ApiToken>().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || !token.IsActive)
            return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedResolution)
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return token;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
