using CertPortal.Components.Layout;
using CertPortal.Security;
using MudBlazor;

namespace CertPortal.Features.Customers;

public static class CustomersModule
{
    public static WebApplicationBuilder AddCustomers(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CustomerService>();
        builder.Services.AddScoped<CertPortal.Features.Audit.IAuditSubjects, CustomerAuditSubjects>();
        builder.Services.AddScoped<ICustomerDirectory>(sp => sp.GetRequiredService<CustomerService>());
        builder.Services.AddScoped<ICustomerAlertEmails>(sp => sp.GetRequiredService<CustomerService>());
        builder.Services.AddPermissions(CustomerPermissions.Grants);
        builder.Services.AddNavEntry(new("Customers", "customers", Icons.Material.Filled.Business, 10, CustomerPermissions.View));
        return builder;
    }

    public static WebApplication MapCustomers(this WebApplication app)
    {
        app.MapCustomerEndpoints();
        return app;
    }
}
