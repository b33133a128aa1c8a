using CertPortal.Components;
using CertPortal.Components.Layout;
using CertPortal.Features.CertificateAuthorities.Revocation;
using CertPortal.Features.ClientCerts.Batch;
using CertPortal.Features.ClientCerts.Pages;
using CertPortal.Features.Customers;
using CertPortal.Features.Dashboard;
using CertPortal.Features.Dashboard.Attention;
using CertPortal.Security;
using MudBlazor;

namespace CertPortal.Features.ClientCerts;

public static class ClientCertsModule
{
    public static WebApplicationBuilder AddClientCerts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ClientCertSigner>();
        services.AddScoped<ClientCertService>();
        services.AddScoped<CertPortal.Features.Audit.IAuditSubjects, ClientCertAuditSubjects>();
        services.AddScoped<ClientCertDownloads>();
        services.AddScoped<ClientCertBatch>();
        services.AddScoped<IIssuedCertificateSource, IssuedClientCertificates>();
        services.AddScoped<ICustomerDependents, ClientCertCustomerDependents>();
        services.AddScoped<IAttentionSource, ClientCertAttention>();
        services.AddPermissions(ClientCertPermissions.Grants);
        builder.Services.AddPageSection<ClientCertsTile>(DashboardTiles.Page, order: 30, ClientCertPermissions.View);
        builder.Services.AddNavEntry(new("Client certificates", "client-certs", Icons.Material.Filled.Badge, 80, ClientCertPermissions.View));
        return builder;
    }

    public static WebApplication MapClientCerts(this WebApplication app)
    {
        app.MapClientCertEndpoints();
        return app;
    }
}
