using CertPortal.Components.Layout;
using CertPortal.Features.Customers;
using CertPortal.Features.Dashboard.Attention;
using CertPortal.Features.DnsProviders.Delegation;
using CertPortal.Features.DnsProviders.Manual;
using CertPortal.Features.DnsProviders.Propagation;
using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Security;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace CertPortal.Features.DnsProviders;

public static class DnsProvidersModule
{
    public static WebApplicationBuilder AddDnsProviders(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<IDnsProviderType, Rfc2136Provider>();
        builder.Services.AddSingleton<IDnsProviderType, CloudflareProvider>();
        builder.Services.AddSingleton<IDnsProviderType, Route53Provider>();
        builder.Services.AddSingleton<IDnsProviderType, AzureDnsProvider>();
        foreach (var name in new[] { AcmeDnsProvider.HttpClientName, CloudflareProvider.HttpClientName, Route53Provider.HttpClientName, AzureDnsProvider.HttpClientName })
            builder.Services.AddHttpClient(name, http => http.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<IDnsProviderType, ManualProvider>();
        builder.Services.AddSingleton<ManualDnsRequests>();
        builder.Services.AddScoped<ManualRecordService>();
        builder.Services.AddScoped<IAttentionSource, ManualDnsAttention>();
        builder.Services.AddSingleton<IDnsProviderType, PowerDnsProvider>();
        builder.Services.AddSingleton<IDnsProviderType, ScriptProvider>();
        builder.Services.AddScoped<ProgramProviderGate>();
        builder.Services.AddSingleton<AcmeDnsProvider>();
        builder.Services.AddSingleton<IDnsProviderType>(services => services.GetRequiredService<AcmeDnsProvider>());
        builder.Services.AddScoped<AcmeDnsRegistration>();
        builder.Services.AddOptions<DnsOptions>().BindConfiguration(DnsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DnsOptions>, DnsOptionsValidator>();
        builder.Services.AddSingleton<BootstrapResolver>();
        builder.Services.AddSingleton<AuthoritativeServers>();
        builder.Services.AddSingleton<DnsProviderTypes>();
        builder.Services.AddSingleton<PropagationChecker>();
        builder.Services.AddSingleton<Dns01Solver>();
        builder.Services.AddScoped<DnsProviderService>();
        builder.Services.AddScoped<CertPortal.Features.Audit.IAuditSubjects, DnsProviderAuditSubjects>();
        builder.Services.AddScoped<DnsChallengePublisher>();
        builder.Services.AddScoped<CnameDelegationCheck>();
        builder.Services.AddScoped<ICustomerDependents, DnsProviderCustomerDependents>();
        builder.Services.AddPermissions(DnsProviderPermissions.Grants);
        builder.Services.AddNavEntry(new("DNS providers", "dns-providers", Icons.Material.Filled.Dns, 20, DnsProviderPermissions.View));
        return builder;
    }

    public static WebApplication MapDnsProviders(this WebApplication app)
    {
        app.MapDnsProviderEndpoints();
        return app;
    }
}
