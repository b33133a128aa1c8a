using CertPortal.Components;
using CertPortal.Components.Layout;
using CertPortal.Data.Progress;
using CertPortal.Features.CertificateAuthorities.Pages;
using CertPortal.Features.CertificateAuthorities.Revocation;
using CertPortal.Features.CertificateAuthorities.Trust;
using CertPortal.Features.Customers;
using CertPortal.Features.Dashboard;
using CertPortal.Features.Dashboard.Attention;
using CertPortal.Security;
using MudBlazor;
using Quartz;

namespace CertPortal.Features.CertificateAuthorities;

public static class CertificateAuthoritiesModule
{
    public static WebApplicationBuilder AddCertificateAuthorities(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CaOptions>().BindConfiguration(CaOptions.Section)
            .Validate(o => o.CrlValidityHours is >= 2 and <= 24 * 90, "CertPortal:Pki:CrlValidityHours must be 2..2160.")
            .Validate(o => o.OcspValidityHours is >= 1 and <= 24 * 7, "CertPortal:Pki:OcspValidityHours must be 1..168.")
            .Validate(o => o.OcspRecheckSeconds is >= 1 and <= 3600, "CertPortal:Pki:OcspRecheckSeconds must be 1..3600.")
            .ValidateOnStart();
        services.AddSingleton<CaUrls>();
        services.AddSingleton<CaKeyring>();
        services.AddSingleton<CaRevocationIndex>();
        services.AddSingleton<CaOcspResponders>();
        services.AddRelayedProgress<CaRevocationProgress>();
        services.AddSingleton<OcspStateRecheck>();
        services.AddSingleton<OcspPreSigner>();
        services.AddHostedService(sp => sp.GetRequiredService<OcspPreSigner>());
        services.AddSingleton<CrlPublisher>();
        services.AddScoped<CaService>();
        services.AddScoped<ICaSigning>(sp => sp.GetRequiredService<CaService>());
        services.AddScoped<CertPortal.Features.Audit.IAuditSubjects, CaAuditSubjects>();
        services.AddScoped<CaImport>();
        services.AddScoped<ICaTrustMaterial, CaTrustMaterialSource>();
        services.AddScoped<IIssuedCertificateSource, IntermediateCertificates>();
        services.AddScoped<ICustomerDependents, CaCustomerDependents>();
        services.AddScoped<IAttentionSource, CaAttention>();
        services.AddPermissions(CaPermissions.Grants);
        services.AddQuartz(q =>
        {
            q.AddJob<CrlRefreshJob>(j => j.WithIdentity(CrlRefreshJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(CrlRefreshJob.Key).WithIdentity("crl-refresh", "pki")
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(2)).WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever()));
        });
        builder.Services.AddPageSection<CasTile>(DashboardTiles.Page, order: 40, CaPermissions.View);
        builder.Services.AddNavEntry(new("Certificate authorities", "cas", Icons.Material.Filled.AccountTree, 40, CaPermissions.View));
        return builder;
    }

    /// <summary>
    /// The pre-signed OCSP answers, first in the pipeline: a request without a nonce that one answers costs no routing,
    /// authentication or logging (README.md, "OCSP"); anything else passes on to the <c>/pki</c> endpoints.
    /// </summary>
    public static WebApplication UsePreSignedOcspAnswers(this WebApplication app)
    {
        app.UseMiddleware<PreSignedOcspMiddleware>();
        return app;
    }

    public static WebApplication MapCertificateAuthorities(this WebApplication app)
    {
        app.MapCaEndpoints();
        app.MapPkiEndpoints();
        return app;
    }
}
