using CertPortal.Components;
using CertPortal.Components.Layout;
using CertPortal.Data.Progress;
using CertPortal.Features.Certificates.Accounts;
using CertPortal.Features.Certificates.Files;
using CertPortal.Features.Certificates.Issuance;
using CertPortal.Features.Certificates.Pages;
using CertPortal.Features.Certificates.Planning;
using CertPortal.Features.Customers;
using CertPortal.Features.Dashboard;
using CertPortal.Features.Dashboard.Attention;
using CertPortal.Features.DnsProviders;
using CertPortal.Security;
using Microsoft.Extensions.Options;
using MudBlazor;
using Quartz;

namespace CertPortal.Features.Certificates;

public static class CertificatesModule
{
    public static WebApplicationBuilder AddCertificates(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section)
            .Validate(o => o.MaxParallelIssuances is > 0 and <= 200, "CertPortal:Certificates:MaxParallelIssuances must be 1..200.")
            .Validate(o => o.RenewalCheckMinutes is > 0 and <= 1440, "CertPortal:Certificates:RenewalCheckMinutes must be 1..1440.")
            .Validate(o => o.CaLimits.All(l => l.DirectoryUrl.Length > 0 && l.OrdersPerAccount >= 0 && l.CertificatesPerDomain >= 0 && l.CertificatesPerIdentifierSet >= 0
                                               && l.OrdersWindowHours is > 0 and <= 24 && l.CertificatesWindowDays is > 0 and <= 31),
                "CertPortal:Certificates:CaLimits: each needs a DirectoryUrl, limits of 0 or more, OrdersWindowHours 1..24 and CertificatesWindowDays 1..31.")
            .ValidateOnStart();
        services.AddSingleton<AcmeAccountClients>();
        services.AddScoped<AcmeAccountService>();
        services.AddScoped<CertPortal.Features.Audit.IAuditSubjects, AcmeAccountAuditSubjects>();
        services.AddScoped<CertificateService>();
        services.AddScoped<CertPortal.Features.Audit.IAuditSubjects, CertificateAuditSubjects>();
        services.AddScoped<CertificateStatistics>();
        services.AddScoped<CertificateImport>();
        services.AddScoped<IObservedCertificates>(sp => sp.GetRequiredService<CertificateImport>());
        services.AddScoped<CertificateDownloads>();
        services.AddSingleton<CertificateEvents>();
        services.AddScoped<ICertificateVersions, CertificateVersionStore>();
        services.AddScoped<ICertificateInventory, CertificateInventory>();
        services.AddRelayedProgress<IssuanceProgress>();
        services.AddSingleton<Http01Challenges>();
        services.AddScoped<IssuanceRunner>();
        services.AddScoped<RenewalInfoRefresh>();
        services.AddSingleton<CaLimitsCatalog>();
        services.AddScoped<RenewalForecast>();
        services.AddScoped<RenewalSpreading>();
        services.AddScoped<RenewalPlanner>();
        services.AddSingleton<IssuanceQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<IssuanceQueue>());
        services.AddScoped<ICustomerDependents, CertificateCustomerDependents>();
        services.AddScoped<IDnsProviderDependents, CertificateDnsProviderDependents>();
        services.AddScoped<IAttentionSource, CertificateAttention>();
        services.AddPermissions(CertificatePermissions.Grants);

        services.AddQuartz(q =>
        {
            q.AddJob<RenewalJob>(j => j.WithIdentity(RenewalJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(RenewalJob.Key).WithIdentity("renewal-check", "certificates")
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(1))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(RenewalInterval(builder.Configuration))).RepeatForever()));
        });
        builder.Services.AddPageSection<CertificatesTile>(DashboardTiles.Page, order: 10, CertificatePermissions.View);
        builder.Services.AddNavEntry(new("ACME accounts", "acme-accounts", Icons.Material.Filled.AccountBalance, 30, CertificatePermissions.View));
        builder.Services.AddNavEntry(new("Certificates", "certificates", Icons.Material.Filled.VerifiedUser, 50, CertificatePermissions.View));
        builder.Services.AddNavEntry(new("Renewal planner", "planner", Icons.Material.Filled.CalendarMonth, 90, CertificatePermissions.View));
        return builder;
    }

    public static WebApplication MapCertificates(this WebApplication app)
    {
        app.MapAcmeAccountEndpoints();
        app.MapCertificateEndpoints();
        app.MapPlannerEndpoints();
        // RFC 8555 §8.3: the CA fetches the key authorization over plain HTTP, anonymously.
        app.MapGet("/.well-known/acme-challenge/{token}", (string token, Http01Challenges answers) =>
                answers.Find(token) is { } answer ? Results.Text(answer, "application/octet-stream") : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static int RenewalInterval(IConfiguration configuration) =>
        configuration.GetValue<int?>($"{CertificateOptions.Section}:{nameof(CertificateOptions.RenewalCheckMinutes)}") is { } m and > 0 ? m : 5;
}
