using System.Text.RegularExpressions;

namespace CertPortal.Features.Audit;

/// <summary>
/// Names the objects of a page of audit entries: one lookup per entity type (<see cref="IAuditSubjects"/>). An object
/// that no longer exists keeps the name its entries quoted ('name'), or shows as "(deleted)" with a short id.
/// </summary>
public sealed partial class AuditSubjectNames(IEnumerable<IAuditSubjects> sources)
{
    public async Task<IReadOnlyList<AuditEntryView>> NameAsync(IReadOnlyList<AuditEntryView> entries, CancellationToken ct)
    {
        var bySource = sources.ToDictionary(s => s.EntityType);
        var found = new Dictionary<(string Type, string Id), AuditSubject>();
        foreach (var group in entries.Where(e => e.EntityId is not null && bySource.ContainsKey(e.EntityType)).GroupBy(e => e.EntityType))
        {
            var ids = group.Select(e => Guid.TryParse(e.EntityId, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
            foreach (var (id, subject) in ids.Count == 0 ? new Dictionary<string, AuditSubject>() : await bySource[group.Key].FindAsync(ids, ct))
                found[(group.Key, id)] = subject;
        }
        var quoted = entries.Where(e => e.EntityId is not null && !found.ContainsKey((e.EntityType, e.EntityId)))
            .Select(e => (Key: (e.EntityType, e.EntityId!), Name: Quoted(e.Summary))).Where(q => q.Name is not null)
            .GroupBy(q => q.Key).ToDictionary(g => g.Key, g => g.First().Name!);
        return entries.Select(e => e.EntityId is null || !bySource.ContainsKey(e.EntityType) ? e
            : found.TryGetValue((e.EntityType, e.EntityId), out var subject) ? e with { EntityName = subject.Name, EntityUrl = subject.Url }
            : e with { EntityName = quoted.GetValueOrDefault((e.EntityType, e.EntityId)) ?? $"(deleted) {e.EntityId[..Math.Min(8, e.EntityId.Length)]}" }).ToList();
    }

    // Summaries quote the names they mention: "Deleted target 'Edge firewall'."
    private static string? Quoted(string summary) => QuotedName().Match(summary) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("'([^']{1,200})'")]
    private static partial Regex QuotedName();
}
