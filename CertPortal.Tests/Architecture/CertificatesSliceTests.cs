using System.Text.RegularExpressions;
using CertPortal.Components;
using CertPortal.Features.Certificates;
using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CertPortal.Tests.Architecture;

/// <summary>
/// Deployments builds on Certificates, never the other way round: the certificate page shows where a certificate is
/// deployed through the sections other slices register (<see cref="PageSections"/>), so Certificates compiles,
/// changes and could be tested without Deployments.
/// </summary>
public sealed partial class CertificatesSliceTests
{
    private const string Certificates = "CertPortal.Features.Certificates";
    private const string Deployments = "CertPortal.Features.Deployments";

    [Fact]
    public void Certificates_types_and_components_use_no_type_of_Deployments()
    {
        var offences = CompiledTypeReferences.Find(typeof(Program).Assembly, Certificates, Deployments);
        Assert.True(offences.Count == 0, "The Certificates slice uses the Deployments slice:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_compiled_scan_sees_a_component_that_is_only_rendered()
    {
        // LocalTime appears in the certificate page only as the component it renders, as CertificateFanOut once did.
        var found = CompiledTypeReferences.Find(typeof(Program).Assembly, Certificates, "CertPortal.Components");
        Assert.Contains("CertPortal.Features.Certificates.Pages.CertificateDetail uses CertPortal.Components.Shared.LocalTime", found);
    }

    [Fact]
    public void Certificates_sources_name_nothing_of_Deployments()
    {
        // Constants such as a policy name are compiled in as values; only the sources show that they were named.
        var root = Path.Combine(RepositoryRoot.Path, "CertPortal");
        var files = Directory.EnumerateFiles(Path.Combine(root, "Features", "Certificates"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Append(Path.Combine(root, "_Imports.razor"));
        var offences = SourceMatches.Find(files, DeploymentsReference());
        Assert.True(offences.Count == 0, "The Certificates slice names the Deployments slice:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Each_certificate_page_section_takes_the_parameters_the_page_gives()
    {
        using var portal = new PortalFactory();
        var sections = portal.Service<PageSections>().On(CertificatePageSections.Page);
        Assert.NotEmpty(sections);
        string[] given = [CertificatePageSections.CertificateId, CertificatePageSections.CustomerId, CertificatePageSections.CurrentVersion];
        foreach (var section in sections)
        {
            Assert.True(typeof(IComponent).IsAssignableFrom(section.Component), $"{section.Component} is not a component.");
            var accepted = section.Component.GetProperties().Where(p => p.IsDefined(typeof(ParameterAttribute), true)).Select(p => p.Name);
            Assert.Empty(given.Except(accepted));
        }
    }

    // A using directive or qualified name of the Deployments namespace; inside CertPortal.Features a bare "Deployments." resolves too.
    [GeneratedRegex(@"\bFeatures\.Deployments\b|(?<![\w.])Deployments\.[A-Z]\w*")]
    private static partial Regex DeploymentsReference();
}
