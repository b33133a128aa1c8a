using CertPortal.Components;
using CertPortal.Components.Layout;
using CertPortal.Data.Progress;
using CertPortal.Features.CertificateAuthorities.Trust;
using CertPortal.Features.Certificates;
using CertPortal.Features.Certificates.Planning;
using CertPortal.Features.Dashboard;
using CertPortal.Features.Dashboard.Attention;
using CertPortal.Features.Deployments.Pages;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.Deployments.Trust;
using CertPortal.Features.Targets;
using CertPortal.Security;
using MudBlazor;
using Quartz;

namespace CertPortal.Features.Deployments;

public static class DeploymentsModule
{
    public static WebApplicationBuilder AddDeployments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<DeploymentService>();
        services.AddScoped<CertPortal.Features.Audit.IAuditSubjects, DeploymentAuditSubjects>();
        services.AddScoped<DeploymentStatistics>();
        services.AddScoped<IAttentionSource, DeploymentAttention>();
        services.AddScoped<DeploymentRunner>();
        services.AddSingleton<ServedCertificateProbe>();
        services.AddScoped<IServedCertificateCheck, ServedCertificateCheck>();
        services.AddRelayedProgress<DeploymentProgress>();
        services.AddSingleton<DeploymentRunEvents>();
        services.AddSingleton<DeploymentQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<DeploymentQueue>());
        services.AddScoped<ICertificateIssuedListener, CertificateIssuedDeployer>();
        services.AddScoped<ITargetDependents, DeploymentDependents>();
        services.AddScoped<ICertificateBindings, CertificateBindings>();
        services.AddScoped<ICertificateDependents, DeploymentDependents>();
        services.AddScoped<IBoundTargetNames, BoundTargetNames>();
        services.AddScoped<IBindingEndpoints, BindingEndpoints>();
        services.AddScoped<TrustDeploymentService>();
        services.AddScoped<TrustRunner>();
        services.AddRelayedProgress<TrustProgress>();
        services.AddScoped<ICrlPublishedListener, CrlTrustPusher>();
        services.AddScoped<ITargetDependents, TrustDependents>();
        services.AddPermissions(DeploymentPermissions.Grants);
        services.AddPageSection<CertificateFanOut>(CertificatePageSections.Page, order: 100, DeploymentPermissions.View);
        services.AddQuartz(q =>
        {
            q.AddJob<PendingRunsJob>(j => j.WithIdentity(PendingRunsJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(PendingRunsJob.Key).WithIdentity("pending-runs", "deployments")
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(30)).WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()));
        });
        builder.Services.AddPageSection<DeploymentsTile>(DashboardTiles.Page, order: 20, DeploymentPermissions.View);
        builder.Services.AddNavEntry(new("Deployments", "deployments", Icons.Material.Filled.CloudUpload, 70, DeploymentPermissions.View));
        builder.Services.AddNavEntry(new("Trust", "trust", Icons.Material.Filled.Shield, 71, DeploymentPermissions.View));
        return builder;
    }

    public static WebApplication MapDeployments(this WebApplication app)
    {
        app.MapDeploymentEndpoints();
        app.MapTrustEndpoints();
        return app;
    }
}
