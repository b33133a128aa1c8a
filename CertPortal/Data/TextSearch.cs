namespace CertPortal.Data;

/// <summary>
/// A search box's term, lowered, to find in a lowered column (<c>column.ToLower().Contains(term)</c>): a match then
/// ignores case on both databases (PostgreSQL's LIKE and strpos do not) and a % or _ in the term is only itself.
/// </summary>
public static class TextSearch
{
    public static string Term(string input) => input.Trim().ToLowerInvariant();
}
