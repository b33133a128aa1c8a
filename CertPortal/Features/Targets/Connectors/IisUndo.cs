namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// After a failed import or bind: the site's https bindings go back to what they were before the run (the state is read
/// again, so a cmdlet that half worked is undone too) and a certificate this run imported leaves the store.
/// </summary>
internal static class IisUndo
{
    public static async Task<string> PutBackAsync(IisServer server, IisTarget target, IReadOnlyList<IisBinding> before, string? imported)
    {
        var problems = new List<string>();
        var restored = new List<string>();
        try
        {
            foreach (var now in (await server.BindingsAsync(false, CancellationToken.None)).Where(target.Matches))
            {
                var was = before.FirstOrDefault(b => string.Equals(b.BindingInformation, now.BindingInformation, StringComparison.OrdinalIgnoreCase));
                if (was is null)
                {
                    await server.RemoveBindingAsync(now.BindingInformation, CancellationToken.None);
                    restored.Add($"removed the new binding {now.BindingInformation}");
                }
                else if (was.CertificateHash is { } old && !now.Uses(old))
                {
                    await server.BindAsync(now, old, CancellationToken.None);
                    restored.Add($"{now.BindingInformation} uses {old} again");
                }
            }
            if (imported is not null && await server.HasCertificateAsync(imported, CancellationToken.None))
            {
                if ((await server.BindingsAsync(true, CancellationToken.None)).Any(b => b.Uses(imported)))
                    problems.Add($"{imported} stays in the store because a binding still uses it");
                else
                {
                    await server.RemoveCertificateAsync(imported, CancellationToken.None);
                    restored.Add($"removed {imported} from the store");
                }
            }
        }
        catch (TargetException e)
        {
            problems.Add(e.Message.TrimEnd('.'));
        }
        if (problems.Count > 0)
            return $"Putting things back was not complete ({string.Join("; ", problems)}): check the site's bindings in IIS Manager.";
        return restored.Count == 0 ? "Nothing on the server was changed." : $"Put back: {string.Join(", ", restored)}.";
    }
}
