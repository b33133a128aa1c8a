using System.Text.RegularExpressions;
using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Users;

/// <summary>
/// Names the User entries of the audit log by email, linking to the users page (users have no page of their own).
/// User ids are Identity's strings; summaries name users by email, not in quotes, so a deleted user keeps that.
/// </summary>
internal sealed partial class UserAuditSubjects(IDbContextFactory<AppDbContext> dbFactory) : IAuditSubjects
{
    public string EntityType => "User";

    public async Task<IReadOnlyDictionary<string, AuditSubject>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var texts = ids.Select(id => id.ToString()).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Users.AsNoTracking().Where(u => texts.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        return found.ToDictionary(u => u.Id, u => new AuditSubject(u.Email ?? u.Id, "users"));
    }

    public string? NameIn(string summary) => Email().Match(summary) is { Success: true } match ? match.Value.TrimEnd('.') : null;

    [GeneratedRegex(@"[^\s'@]+@[^\s'@]+")]
    private static partial Regex Email();
}
