namespace CertPortal.Features.Certificates;

/// <summary>
/// Where other slices add sections to the certificate page (see <see cref="Components.PageSections"/>), and the
/// parameters each section is given: a section declares all three.
/// </summary>
public static class CertificatePageSections
{
    public const string Page = "certificate";

    public const string CertificateId = nameof(CertificateId);

    public const string CustomerId = nameof(CustomerId);

    public const string CurrentVersion = nameof(CurrentVersion);

    public static Dictionary<string, object> Parameters(CertificateView certificate) => new()
    {
        [CertificateId] = certificate.Id,
        [CustomerId] = certificate.CustomerId,
        [CurrentVersion] = certificate.CurrentVersion,
    };
}
