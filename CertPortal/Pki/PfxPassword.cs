namespace CertPortal.Pki;

/// <summary>
/// What a PKCS#12 password may be: PKCS#12 turns it into a NUL-terminated BMPString, so a NUL cannot be part of
/// one, and the length is bounded so a password is never a way to make the portal hash megabytes.
/// </summary>
public static class PfxPassword
{
    public const int MaxLength = 128;

    /// <summary>Why this password cannot protect or open a PFX, or null when it can (an empty one is the caller's question).</summary>
    public static string? Problem(string? password) => password switch
    {
        { Length: > MaxLength } => $"The PFX password must be at most {MaxLength} characters.",
        not null when password.Contains('\0') => "The PFX password must not contain a NUL character.",
        _ => null,
    };
}
