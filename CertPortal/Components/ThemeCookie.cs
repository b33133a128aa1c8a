namespace CertPortal.Components;

/// <summary>The dark mode choice lives in a cookie so static sign-in pages and prerendering know it too.</summary>
public static class ThemeCookie
{
    public const string Name = "cp-theme";
    public const string Dark = "dark";
    public const string Light = "light";
}
