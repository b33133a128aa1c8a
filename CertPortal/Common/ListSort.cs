namespace CertPortal.Common;

/// <summary>
/// A list's order, from <c>?sort=&amp;order=asc|desc</c>: one of the fields the list names, ascending unless asked
/// otherwise. An unknown field or direction is refused (400) with the allowed values, so a typo is not a silent default.
/// </summary>
public readonly record struct ListSort(string Field, bool Descending)
{
    public static Result<ListSort> Parse(string? sort, string? order, IReadOnlyList<string> fields, ListSort byDefault)
    {
        bool? descending = order?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "asc" => false,
            "desc" => true,
            _ => (bool?)null,
        };
        if (descending is null && !string.IsNullOrWhiteSpace(order))
            return Result<ListSort>.Invalid("order", $"Unknown order '{order.Trim()}'. Allowed: asc, desc.");
        if (string.IsNullOrWhiteSpace(sort))
            return Result<ListSort>.Ok(byDefault with { Descending = descending ?? byDefault.Descending });
        var field = fields.FirstOrDefault(f => string.Equals(f, sort.Trim(), StringComparison.OrdinalIgnoreCase));
        return field is null
            ? Result<ListSort>.Invalid("sort", $"Unknown sort field '{sort.Trim()}'. Allowed: {string.Join(", ", fields)}.")
            : Result<ListSort>.Ok(new ListSort(field, descending ?? false));
    }
}
