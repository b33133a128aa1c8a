using System.Text.RegularExpressions;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Architecture;

/// <summary>Where a pattern matches in source files, one "path:line: match" each (paths from the repository root).</summary>
internal static class SourceMatches
{
    public static IReadOnlyList<string> Find(IEnumerable<string> files, Regex pattern)
    {
        var found = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                if (pattern.Match(lines[i]) is { Success: true } match)
                    found.Add($"{Path.GetRelativePath(RepositoryRoot.Path, file)}:{i + 1}: {match.Value}");
        }
        return found;
    }
}
