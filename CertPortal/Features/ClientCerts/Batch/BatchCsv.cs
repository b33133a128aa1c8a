using System.Text;

namespace CertPortal.Features.ClientCerts.Batch;

/// <summary>
/// Reads a batch CSV (RFC 4180 with what spreadsheets add): a UTF-8 BOM, quoted fields with "" inside and line
/// breaks, and ';' as separator (Excel in many locales) when the first line has more of those than commas. Each
/// record keeps the line it starts on, so errors name the line a person sees in the editor.
/// </summary>
public static class BatchCsv
{
    /// <summary>The records with their first line number; null with <paramref name="error"/> when the quoting is broken.</summary>
    public static List<(int Line, List<string> Fields)>? Read(string text, out string? error)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        var separator = SeparatorOf(text);
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, start, i) = (1, 1, 0);
        var quotedField = false;
        while (i <= text.Length)
        {
            var c = i < text.Length ? text[i] : '\n';
            if (c == '"')
            {
                if (quotedField || field.ToString().Trim().Length > 0)
                    return Fail($"Line {line}: a quote inside a field that does not start with one; write the whole field in quotes and double the quote (\"\").", out error);
                field.Clear();
                var close = ReadQuoted(text, i + 1, field, ref line);
                if (close < 0)
                    return Fail($"Line {start}: a quoted field is never closed.", out error);
                i = close + 1;
                quotedField = true;
                if (i < text.Length && text[i] != separator && text[i] != '\r' && text[i] != '\n')
                    return Fail($"Line {line}: text after a closing quote; a field in quotes ends at its quote.", out error);
                continue;
            }
            if (c == separator || c == '\n' || c == '\r')
            {
                var wasQuoted = quotedField;
                fields.Add(quotedField ? field.ToString() : field.ToString().Trim());
                (field, quotedField) = (new StringBuilder(), false);
                if (c != separator)
                {
                    if (fields.Count > 1 || fields[0].Length > 0 || wasQuoted)
                        records.Add((start, fields));
                    fields = [];
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                        i++;
                    line++;
                    start = line;
                }
                i++;
                continue;
            }
            field.Append(c);
            i++;
        }
        error = null;
        return records;
    }

    /// <summary>Reads a quoted field's content from <paramref name="from"/>; returns the index of its closing quote, or -1.</summary>
    private static int ReadQuoted(string text, int from, StringBuilder field, ref int line)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                    continue;
                }
                return i;
            }
            if (text[i] == '\n')
                line++;
            field.Append(text[i]);
        }
        return -1;
    }

    private static char SeparatorOf(string text)
    {
        var firstLine = text.AsSpan(0, text.IndexOfAny(['\r', '\n']) is var end and >= 0 ? end : text.Length);
        return firstLine.Count(';') > firstLine.Count(',') ? ';' : ',';
    }

    private static List<(int, List<string>)>? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }
}
