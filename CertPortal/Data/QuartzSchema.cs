using System.Text.RegularExpressions;

namespace CertPortal.Data;

/// <summary>
/// The PostgreSQL tables of Quartz's job store as the referenced Quartz version defines them: Quartz ships the script
/// it would run itself (every statement "create if missing", separated by lines reading <c>--;;</c>, with the table
/// prefix as <c>{0}</c> and <c>{1}</c>). A Quartz upgrade that adds columns needs a migration of its own
/// (docs/operations.md).
/// </summary>
public static partial class QuartzSchema
{
    public const string TablePrefix = "qrtz_";
    private const string Resource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    /// <summary>The tables the script makes, last made first, as they are dropped when the migration is taken back.</summary>
    public static IEnumerable<string> Tables() =>
        PostgresStatements().Select(s => TableName().Match(s)).Where(m => m.Success).Select(m => m.Groups[1].Value).Reverse();

    public static IReadOnlyList<string> PostgresStatements()
    {
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Quartz no longer carries {Resource}; write the job store's tables into a migration by hand.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd().Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal);
        return Separator().Split(script).Select(s => s.Trim())
            .Where(s => s.Split('\n').Any(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal) && line.Trim().Length > 0)).ToList();
    }

    [GeneratedRegex(@"CREATE TABLE IF NOT EXISTS (\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex TableName();

    [GeneratedRegex(@"^--;;\s*$", RegexOptions.Multiline)]
    private static partial Regex Separator();
}
