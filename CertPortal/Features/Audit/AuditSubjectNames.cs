using System.Text.RegularExpressions;

namespace CertPortal.Features.Audit;

/// <summary>
/// Names the objects of a page of audit entries: one lookup per entity type (<see cref="IAuditSubjects"/>). An object
/// that no longer exists keeps the name its entries gave it (<see cref="IAuditSubjects.NameIn"/>), or shows as
/// "(deleted)" with a short id. An id that is no GUID (older entries named some objects by name) is shown as it is.
/// </summary>
public sealed partial class AuditSubjectNames(IEnumerable<IAuditSubjects> sources)
{
    public async Task<IReadOnlyList<AuditEntryView>> NameAsync(IReadOnlyList<AuditEntryView> entries, CancellationToken ct)
    {
        var bySource = sources.ToDictionary(s => s.EntityType);
        var named = entries.Where(e => e.EntityId is not null && Guid.TryParse(e.EntityId, out _) && bySource.ContainsKey(e.EntityType)).ToList();
        var found = new Dictionary<(string Type, string Id), AuditSubject>();
        foreach (var group in named.GroupBy(e => e.EntityType))
        {
            var ids = group.Select(e => Guid.Parse(e.EntityId!)).Distinct().ToList();
            foreach (var (id, subject) in await bySource[group.Key].FindAsync(ids, ct))
                found[(group.Key, id)] = subject;
        }
        var remembered = named.Where(e => !found.ContainsKey((e.EntityType, e.EntityId!)))
            .Select(e => (Key: (e.EntityType, e.EntityId!), Name: bySource[e.EntityType].NameIn(e.Summary))).Where(q => q.Name is not null)
            .GroupBy(q => q.Key).ToDictionary(g => g.Key, g => g.First().Name!);
        var lookedUp = named.ToHashSet();
        return entries.Select(e => !lookedUp.Contains(e) ? e
            : found.TryGetValue((e.EntityType, e.EntityId!), out var subject) ? e with { EntityName = subject.Name, EntityUrl = subject.Url }
            : e with { EntityName = remembered.GetValueOrDefault((e.EntityType, e.EntityId!)) ?? $"(deleted) {e.EntityId![..8]}" }).ToList();
    }

    /// <summary>The first name a summary quotes: "Deleted target 'Edge firewall'." gives <c>Edge firewall</c>.</summary>
    public static string? Quoted(string summary) => QuotedName().Match(summary) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("'([^']{1,200})'")]
    private static partial Regex QuotedName();
}
