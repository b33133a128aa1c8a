namespace CertPortal.Features.ClientCerts.Batch;

/// <summary>
/// Turns CSV records into issue requests: columns <c>commonName,email,organization,usage,subjectAlternativeNames,
/// validityDays,keyType</c> in that order, or in any order when the first line names them. SANs within their field
/// are separated by spaces or '|'.
/// </summary>
public static class BatchRows
{
    public static readonly IReadOnlyList<string> Columns = ["commonName", "email", "organization", "usage", "subjectAlternativeNames", "validityDays", "keyType"];

    /// <summary>One request per record (or the line's problem), header excluded.</summary>
    public static IEnumerable<(int Line, ClientCertInput? Input, string? Error)> From(List<(int Line, List<string> Fields)> records, Guid caId, Guid? customerId)
    {
        var order = Columns.Select((_, i) => i).ToArray();
        var start = 0;
        if (records.Count > 0 && IsHeader(records[0].Fields))
        {
            var header = records[0].Fields;
            var unknown = header.FirstOrDefault(h => h.Length > 0 && !Columns.Contains(h, StringComparer.OrdinalIgnoreCase));
            if (unknown is not null)
            {
                yield return (records[0].Line, null, $"Unknown column '{unknown}'; the columns are {string.Join(", ", Columns)}.");
                yield break;
            }
            order = Columns.Select(c => header.FindIndex(h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase))).ToArray();
            start = 1;
        }
        foreach (var (line, fields) in records.Skip(start))
        {
            if (fields.Count > Columns.Count && fields.Skip(Columns.Count).Any(f => f.Length > 0))
            {
                yield return (line, null, $"{fields.Count} fields where at most {Columns.Count} are expected ({string.Join(", ", Columns)}).");
                continue;
            }
            string? Field(int column) => order[column] >= 0 && order[column] < fields.Count && fields[order[column]].Length > 0 ? fields[order[column]] : null;
            var validity = Field(5);
            if (validity is not null && !int.TryParse(validity, out _))
            {
                yield return (line, null, $"validityDays '{validity}' is not a whole number of days.");
                continue;
            }
            var names = Field(4)?.Split([' ', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            yield return (line, new ClientCertInput(caId, Field(0), Field(1), Field(2), Field(3), names, Field(6),
                validity is null ? null : int.Parse(validity), CustomerId: customerId), null);
        }
    }

    public static bool IsHeader(List<string> fields) => fields.Count > 0 && string.Equals(fields[0], Columns[0], StringComparison.OrdinalIgnoreCase);
}
