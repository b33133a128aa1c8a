using CertPortal.Components.Layout;
using CertPortal.Features.Settings.Smtp;
using CertPortal.Security;
using MudBlazor;

namespace CertPortal.Features.Settings;

public static class SettingsModule
{
    public static WebApplicationBuilder AddSettings(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SettingsStore>();
        builder.Services.AddScoped<IAlertRules, AlertRulesStore>();
        builder.Services.AddScoped<ISecuritySettings, SecuritySettingsStore>();
        builder.Services.AddScoped<IMailSender, SmtpMailer>();
        builder.Services.AddScoped<SettingsService>();
        builder.Services.AddPermissions(SettingsPermissions.Grants);
        builder.Services.AddNavEntry(new("Settings", "settings", Icons.Material.Filled.Settings, 230, SettingsPermissions.Manage, NavEntry.Administration));
        return builder;
    }

    public static WebApplication MapSettings(this WebApplication app)
    {
        app.MapSettingsEndpoints();
        return app;
    }
}
