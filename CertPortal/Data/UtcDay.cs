using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace CertPortal.Data;

/// <summary>
/// The UTC day of a stored time as "yyyy-MM-dd", for counts per day. SQLite keeps times as ISO text, so the day is
/// the text's first ten characters: grouping on that reads the index alone, where <c>DateTime.Date</c> becomes a
/// strftime call per row (four times slower on the dashboard's 50,000 runs). PostgreSQL formats the UTC time.
/// </summary>
public static class UtcDay
{
    /// <summary>Translated to SQL; calling it in memory gives the same answer.</summary>
    public static string Of(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The start of the day <see cref="Of"/> named, in UTC.</summary>
    public static DateTime Parse(string day) =>
        DateTime.SpecifyKind(DateTime.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc);

    public static void Register(ModelBuilder builder, string? provider)
    {
        var function = builder.HasDbFunction(typeof(UtcDay).GetMethod(nameof(Of))!);
        var text = new StringTypeMapping("text", dbType: null);
        switch (provider)
        {
            case "Microsoft.EntityFrameworkCore.Sqlite":
                function.HasTranslation(arguments => new SqlFunctionExpression("substr",
                    [arguments[0], new SqlConstantExpression(1, new IntTypeMapping("INTEGER")), new SqlConstantExpression(10, new IntTypeMapping("INTEGER"))],
                    nullable: true, argumentsPropagateNullability: [true, false, false], typeof(string), new StringTypeMapping("TEXT", dbType: null)));
                break;
            case "Npgsql.EntityFrameworkCore.PostgreSQL":
                // to_char writes a timestamptz in the session's time zone, which the portal's connections set to UTC.
                function.HasTranslation(arguments => new SqlFunctionExpression("to_char",
                    [arguments[0], new SqlConstantExpression("YYYY-MM-DD", text)],
                    nullable: true, argumentsPropagateNullability: [true, false], typeof(string), text));
                break;
            default:
                throw new InvalidOperationException($"UtcDay has no translation for the database provider '{provider}'.");
        }
    }
}
