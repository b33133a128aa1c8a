namespace CertPortal.Common;

/// <summary>
/// Where a declared setting sits in a long form, in the order the sections are shown. Advanced starts collapsed:
/// it holds what the defaults already get right.
/// </summary>
public enum FormSection
{
    Connection,
    SignIn,
    Destination,
    Verification,
    Advanced,
}
