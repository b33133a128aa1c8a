namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>The names that may be the zone holding a record: the name itself, then each parent, closest first.</summary>
public static class ZoneCandidates
{
    public static IEnumerable<string> For(string recordName)
    {
        var labels = recordName.TrimEnd('.').ToLowerInvariant().Split('.');
        // A zone is at least a registrable domain such as example.com; a bare TLD is never a customer's zone.
        for (var i = 0; i <= labels.Length - 2; i++)
            yield return string.Join('.', labels[i..]);
    }

    /// <summary>The record's name relative to <paramref name="zone"/> ("@" at the apex), or null when outside it.</summary>
    public static string? Relative(string recordName, string zone)
    {
        var (name, apex) = (recordName.TrimEnd('.').ToLowerInvariant(), zone.TrimEnd('.').ToLowerInvariant());
        if (name == apex)
            return "@";
        return name.EndsWith("." + apex, StringComparison.Ordinal) ? name[..^(apex.Length + 1)] : null;
    }
}
