using System.Text.RegularExpressions;

namespace CertPortal.Data.Progress;

/// <summary>
/// One NOTIFY payload: which progress (<see cref="Kind"/>), about which subject, from which instance. About 80 bytes,
/// far below PostgreSQL's 8000-byte limit.
/// </summary>
public sealed partial record ProgressNotification(string Kind, Guid SubjectId, Guid Origin)
{
    public string ToPayload() => $"{Kind}:{SubjectId:N}:{Origin:N}";

    public static ProgressNotification? Parse(string payload) =>
        payload.Split(':') is [var kind, var subject, var origin] && KindPattern().IsMatch(kind)
            && Guid.TryParseExact(subject, "N", out var subjectId) && Guid.TryParseExact(origin, "N", out var originId)
            ? new ProgressNotification(kind, subjectId, originId)
            : null;

    /// <summary>A kind is a short lower-case word, so a payload stays small and splits unambiguously.</summary>
    public static string CheckedKind(string kind) =>
        KindPattern().IsMatch(kind) ? kind : throw new ArgumentException($"A progress kind is 1..32 of a-z and '-', not '{kind}'.", nameof(kind));

    [GeneratedRegex("^[a-z-]{1,32}$")]
    private static partial Regex KindPattern();
}
