using CertPortal.Components.Layout;
using CertPortal.Features.AcmeServer.Eab;
using CertPortal.Features.AcmeServer.Protocol;
using CertPortal.Features.Customers;
using CertPortal.Security;
using MudBlazor;

namespace CertPortal.Features.AcmeServer;

/// <summary>The portal's own ACME server for its private CAs (RFC 8555 with EAB, ARI and profiles); see docs/acme-server.md.</summary>
public static class AcmeServerModule
{
    public static WebApplicationBuilder AddAcmeServer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AcmeServerOptions>().BindConfiguration(AcmeServerOptions.Section)
            .Validate(o => o.HttpChallengePort is > 0 and <= 65535, "CertPortal:AcmeServer:HttpChallengePort must be 1..65535.")
            .Validate(o => o.ValidationTimeoutSeconds is >= 1 and <= 120, "CertPortal:AcmeServer:ValidationTimeoutSeconds must be 1..120.")
            .ValidateOnStart();
        services.AddScoped<AcmeNonces>();
        services.AddScoped<AcmeResponder>();
        services.AddScoped<AcmeRequestVerifier>();
        services.AddScoped<AcmeEabCheck>();
        services.AddScoped<AcmeAccounts>();
        services.AddScoped<AcmeOrders>();
        services.AddScoped<AcmeFinalization>();
        services.AddScoped<AcmeAuthorizations>();
        services.AddScoped<AcmeRevocations>();
        services.AddSingleton<AcmeChallengeCheck>();
        services.AddScoped<AcmeEabKeys>();
        services.AddScoped<ICustomerDependents, AcmeEabKeyCustomerDependents>();
        services.AddPermissions(AcmeServerPermissions.Grants);
        services.AddNavEntry(new("ACME server", "acme-server", Icons.Material.Filled.Hub, 45, AcmeServerPermissions.View));
        return builder;
    }

    public static WebApplication MapAcmeServer(this WebApplication app)
    {
        app.MapAcmeServerEndpoints();
        app.MapAcmeEabKeyEndpoints();
        return app;
    }
}
