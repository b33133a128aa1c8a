namespace CertPortal.Components;

/// <summary>
/// What the first HTTP request knew about the browser, handed to the interactive root component (an interactive
/// circuit has no HttpContext): its IP for the audit log, the dark mode and time zone cookies.
/// </summary>
public sealed record ClientHints(string? Ip, bool DarkMode, string? TimeZone);
