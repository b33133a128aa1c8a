namespace CertPortal.Features.Users;

/// <summary>Section <c>CertPortal:Bootstrap</c>: create the first admin without the setup page (containers).</summary>
public sealed class BootstrapOptions
{
    public const string Section = "CertPortal:Bootstrap";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }
}
