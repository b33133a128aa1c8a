using System.Globalization;
using System.Text;

namespace CertPortal.Common;

/// <summary>
/// One CSV record as RFC 4180 writes it: fields separated by commas, a field holding a comma, quote or line break
/// enclosed in quotes with its quotes doubled, CRLF at the end. Text that a spreadsheet would run as a formula
/// (starting with = + - @, tab or CR) gets a leading single quote, so a certificate name cannot become a formula.
/// </summary>
public sealed class CsvRecord
{
    private readonly StringBuilder _line = new();
    private bool _first = true;

    public static string Of(IEnumerable<string> texts) => texts.Aggregate(new CsvRecord(), (record, text) => record.Text(text)).ToString();

    /// <summary>Text from data (names, issuers): quoted as needed, and defused when it looks like a formula.</summary>
    public CsvRecord Text(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            text = "'" + text;
        return Field(text);
    }

    /// <summary>A number the report computed (days left may be negative): written as it is, so it stays a number.</summary>
    public CsvRecord Number(long? value) => Field(value?.ToString(CultureInfo.InvariantCulture) ?? "");

    public CsvRecord Boolean(bool value) => Field(value ? "true" : "false");

    /// <summary>ISO 8601 in UTC, e.g. 2026-03-01T12:00:00Z.</summary>
    public CsvRecord Time(DateTime? utc) => Field(utc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "");

    public override string ToString() => _line + "\r\n";

    private CsvRecord Field(string text)
    {
        if (!_first)
            _line.Append(',');
        _first = false;
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
            _line.Append(text);
        else
            _line.Append('"').Append(text.Replace("\"", "\"\"")).Append('"');
        return this;
    }
}
