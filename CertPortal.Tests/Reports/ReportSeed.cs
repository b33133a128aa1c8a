using System.Text;
using System.Text.Json;
using CertPortal.Features.Certificates;
using CertPortal.Features.Deployments;
using CertPortal.Features.Targets;
using CertPortal.Security;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Reports;

/// <summary>Certificates, targets and bindings for reports, made through the slices' own services.</summary>
public static class ReportSeed
{
    private static readonly Actor Test = Actor.CommandLine("test");

    /// <summary>Imports <paramref name="chain"/>'s leaf with its key and intermediate, as a technician would.</summary>
    public static Task<CertificateView> ImportAsync(this PortalFactory portal, Guid customerId, TestChain chain) =>
        portal.ImportAsync(customerId, chain.LeafPem + chain.KeyPem + chain.IntermediatePem);

    public static Task<CertificateView> ImportAsync(this PortalFactory portal, Guid customerId, string pemBundle) =>
        portal.InScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<CertificateImport>().ImportAsync(customerId, Encoding.ASCII.GetBytes(pemBundle), null, Test);
            return result.Value ?? throw new InvalidOperationException(result.Message);
        });

    /// <summary>A manual target: nothing to reach, so binding and listing it needs no peer.</summary>
    public static Task<TargetView> SeedManualTargetAsync(this PortalFactory portal, Guid customerId, string name) =>
        portal.InScopeAsync(async sp =>
        {
            var settings = new Dictionary<string, JsonElement> { ["checklist"] = JsonSerializer.SerializeToElement("Upload the PFX") };
            var result = await sp.GetRequiredService<TargetService>().CreateAsync(new TargetInput(customerId, name, "manual", settings, null), Test);
            return result.Value ?? throw new InvalidOperationException(result.Message);
        });

    public static Task<DeploymentView> BindAsync(this PortalFactory portal, Guid certificateId, Guid targetId) =>
        portal.InScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<DeploymentService>().CreateAsync(new DeploymentInput(certificateId, targetId, null, false), Test);
            return result.Value ?? throw new InvalidOperationException(result.Message);
        });
}
