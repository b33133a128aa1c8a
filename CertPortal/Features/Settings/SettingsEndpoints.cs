using CertPortal.Api;
using CertPortal.Features.Settings.Smtp;

namespace CertPortal.Features.Settings;

/// <summary>/api/v1/settings (admin): thin — bind, authorize, call <see cref="SettingsService"/>, map the result.</summary>
public static class SettingsEndpoints
{
    public static void MapSettingsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("settings").RequireAuthorization(SettingsPermissions.Manage);

        group.MapGet("/smtp", async (SettingsService settings, CancellationToken ct) => TypedResults.Ok(await settings.GetSmtpAsync(ct)))
            .WithName("GetSmtpSettings");

        group.MapPut("/smtp", async (SmtpSettingsInput input, SettingsService settings, CancellationToken ct) =>
                (await settings.SaveSmtpAsync(input, ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdateSmtpSettings");

        group.MapPost("/smtp/test", async (TestMailInput input, SettingsService settings, CancellationToken ct) =>
                (await settings.SendTestMailAsync(input, ct)).ToHttp(TypedResults.Ok))
            .WithName("SendTestMail");

        group.MapGet("/alerts", async (SettingsService settings, CancellationToken ct) => TypedResults.Ok(await settings.GetAlertsAsync(ct)))
            .WithName("GetAlertRules");

        group.MapPut("/alerts", async (AlertRulesInput input, SettingsService settings, CancellationToken ct) =>
                (await settings.SaveAlertsAsync(input, ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdateAlertRules");

        group.MapGet("/security", async (SettingsService settings, CancellationToken ct) => TypedResults.Ok(await settings.GetSecurityAsync(ct)))
            .WithName("GetSecuritySettings");

        group.MapPut("/security", async (SecuritySettingsInput input, SettingsService settings, CancellationToken ct) =>
                (await settings.SaveSecurityAsync(input, ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdateSecuritySettings");
    }
}
