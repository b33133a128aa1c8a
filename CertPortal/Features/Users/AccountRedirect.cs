using Microsoft.AspNetCore.Components;

namespace CertPortal.Features.Users;

/// <summary>Redirects from the static sign-in pages, refusing anything but a local path (no open redirects).</summary>
internal sealed class AccountRedirect(NavigationManager navigation)
{
    public void To(string? uri)
    {
        uri ??= "";
        if (!Uri.IsWellFormedUriString(uri, UriKind.Relative) || uri.StartsWith("//", StringComparison.Ordinal) || uri.StartsWith("/\\", StringComparison.Ordinal))
            uri = "";
        navigation.NavigateTo(uri);
    }
}
