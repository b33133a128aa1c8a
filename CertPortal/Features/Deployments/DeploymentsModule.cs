using CertPortal.Features.Certificates;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.Targets;
using CertPortal.Security;

namespace CertPortal.Features.Deployments;

public static class DeploymentsModule
{
    public static WebApplicationBuilder AddDeployments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<DeploymentService>();
        services.AddScoped<DeploymentRunner>();
        services.AddSingleton<ServedCertificateProbe>();
        services.AddSingleton<DeploymentProgress>();
        services.AddSingleton<DeploymentQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<DeploymentQueue>());
        services.AddScoped<ICertificateIssuedListener, CertificateIssuedDeployer>();
        services.AddScoped<ITargetDependents, DeploymentDependents>();
        services.AddScoped<ICertificateDependents, DeploymentDependents>();
        services.AddPermissions(DeploymentPermissions.Grants);
        return builder;
    }

    public static WebApplication MapDeployments(this WebApplication app)
    {
        app.MapDeploymentEndpoints();
        return app;
    }
}
