using System.Text;

namespace CertPortal.Common;

/// <summary>
/// A list written as a CSV file through <see cref="CsvRecord"/> (so text that looks like a formula is defused): numbers
/// stay numbers, times are ISO 8601 UTC, everything else is text.
/// </summary>
public static class CsvTable
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static DownloadFile ToFile<T>(string fileName, IReadOnlyList<CsvColumn<T>> columns, IEnumerable<T> rows)
    {
        var text = new StringBuilder(CsvRecord.Of(columns.Select(c => c.Header)));
        foreach (var row in rows)
            text.Append(columns.Aggregate(new CsvRecord(), (record, column) => Write(record, column.Value(row))));
        return new DownloadFile(fileName, ContentType, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString()));
    }

    private static CsvRecord Write(CsvRecord record, object? value) => value switch
    {
        int number => record.Number(number),
        long number => record.Number(number),
        bool flag => record.Boolean(flag),
        DateTime time => record.Time(time),
        DateTimeOffset time => record.Time(time.UtcDateTime),
        _ => record.Text(value?.ToString()),
    };
}
