using System.Text;
using System.Text.Json;
using CertPortal.Features.CertificateAuthorities;
using CertPortal.Features.Certificates;
using CertPortal.Features.ClientCerts;
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

    /// <summary>An imported certificate for <paramref name="commonName"/> bound to a new manual target named <paramref name="targetName"/>.</summary>
    public static async Task<(CertificateView Certificate, TargetView Target, DeploymentView Binding)> SeedBindingAsync(this PortalFactory portal, Guid customerId,
        string commonName, string targetName)
    {
        using var chain = new TestChain(commonName);
        var certificate = await portal.ImportAsync(customerId, chain);
        var target = await portal.SeedManualTargetAsync(customerId, targetName);
        return (certificate, target, await portal.BindAsync(certificate.Id, target.Id));
    }

    /// <summary>A webhook target pushing to <paramref name="hookUrl"/> and verifying <paramref name="verifySni"/> on the device's TLS port.</summary>
    public static Task<TargetView> SeedWebhookTargetAsync(this PortalFactory portal, Guid customerId, string name, string hookUrl, int tlsPort, string verifySni) =>
        portal.InScopeAsync(async sp =>
        {
            var settings = new Dictionary<string, JsonElement>
            {
                ["url"] = JsonSerializer.SerializeToElement(hookUrl), ["includeKey"] = JsonSerializer.SerializeToElement("true"),
                ["verifyHost"] = JsonSerializer.SerializeToElement("127.0.0.1"), ["verifyPort"] = JsonSerializer.SerializeToElement(tlsPort.ToString()),
                ["verifySni"] = JsonSerializer.SerializeToElement(verifySni),
            };
            var result = await sp.GetRequiredService<TargetService>().CreateAsync(
                new TargetInput(customerId, name, "webhook", settings, new Dictionary<string, string?> { ["hmacSecret"] = "report-secret" }), Test);
            return result.Value ?? throw new InvalidOperationException(result.Message);
        });

    /// <summary>Runs the binding now and waits until the run has ended; answers its status.</summary>
    public static async Task<string> RunToEndAsync(this PortalFactory portal, Guid deploymentId)
    {
        var started = await portal.InScopeAsync(sp => sp.GetRequiredService<DeploymentService>().RunNowAsync(deploymentId, Test));
        var runId = started.Value?.RunId ?? throw new InvalidOperationException(started.Message);
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var run = await portal.InScopeAsync(sp => sp.GetRequiredService<DeploymentService>().RunAsync(deploymentId, runId, Test));
            if (run.Value is { FinishedAt: not null } finished)
                return finished.Status;
        }
        throw new TimeoutException($"Run {runId} did not end.");
    }

    public static Task<CaView> SeedCaAsync(this PortalFactory portal, Guid customerId, string name, int validityDays) =>
        portal.InScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<CaService>().CreateAsync(new CaInput(customerId, name, $"CN={name}", "ec256", validityDays), Test);
            return result.Value ?? throw new InvalidOperationException(result.Message);
        });

    public static Task<ClientCertView> SeedClientCertAsync(this PortalFactory portal, Guid caId, string commonName, int validityDays) =>
        portal.InScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<ClientCertService>().IssueAsync(
                new ClientCertInput(caId, commonName, Email: $"{commonName}@example.test", KeyType: "ec256", ValidityDays: validityDays), Test);
            return result.Value ?? throw new InvalidOperationException(result.Message);
        });
}
