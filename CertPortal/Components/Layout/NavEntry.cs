namespace CertPortal.Components.Layout;

/// <summary>
/// A menu entry a slice adds for its page: where it sits (<see cref="Order"/>, in the order of the work: customer, DNS,
/// ACME account or CA, certificate, target, binding, then what watches and reports), the policy the user must hold to
/// see it (none: every signed-in user) and, for the administration pages, its group (shown to those who may open its
/// first entry). <see cref="MatchAll"/> marks it
/// current on its own address only (not on the pages under it); <see cref="NewTab"/> opens what is not a portal page.
/// </summary>
public sealed record NavEntry(string Title, string Href, string Icon, int Order, string? Policy, string? Group = null, bool MatchAll = false, bool NewTab = false)
{
    /// <summary>The group of the pages only admins use.</summary>
    public const string Administration = "Administration";
}
