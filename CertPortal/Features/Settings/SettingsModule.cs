using CertPortal.Features.Settings.Smtp;

namespace CertPortal.Features.Settings;

public static class SettingsModule
{
    public static WebApplicationBuilder AddSettings(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SettingsStore>();
        builder.Services.AddScoped<IAlertRules, AlertRulesStore>();
        builder.Services.AddScoped<IMailSender, SmtpMailer>();
        return builder;
    }

    public static WebApplication MapSettings(this WebApplication app) => app;
}
