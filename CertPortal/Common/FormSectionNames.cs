namespace CertPortal.Common;

/// <summary>The headings a person reads above each <see cref="FormSection"/>.</summary>
public static class FormSectionNames
{
    public static string Of(FormSection section) => section switch
    {
        FormSection.Connection => "Connection",
        FormSection.SignIn => "Sign-in",
        FormSection.Destination => "Where the certificate goes",
        FormSection.Verification => "Verification",
        _ => "Advanced",
    };
}
