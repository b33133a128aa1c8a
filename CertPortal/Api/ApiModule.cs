using System.Text.Json.Serialization;
using System.Text.Json;
using CertPortal.Components.Layout;
using CertPortal.Components;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;
using MudBlazor;
using Scalar.AspNetCore;

namespace CertPortal.Api;

public static class ApiModule
{
    /// <summary>JSON conventions, problem details, OpenAPI for /api/v1.</summary>
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier);
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CertPortal API";
            document.Info.Description = "Certificates, DNS providers, targets and deployments of an MSP's customers. " +
                                        "Authenticate with `Authorization: Bearer <api token>`.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token made on the API tokens page or with `create-api-token`.",
            };
            return Task.CompletedTask;
        }));
        builder.Services.AddNavEntry(new("API reference", "api/docs", Icons.Material.Filled.Api, 1000, null, NewTab: true));
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapHealth();
        app.MapOpenApi("/openapi/{documentName}.json");
        // How to use the API: docs/api.md. The reference works offline and looks like the portal: no web fonts, telemetry, AI agent or tool bar from the
        // reference's makers, the portal's own dark mode instead of a toggle, and a way back. Set per request (the theme cookie).
        app.MapScalarApiReference("/api/docs", (o, context) =>
        {
            o.Title = "CertPortal API";
            o.OpenApiRoutePattern = "/openapi/{documentName}.json";
            o.DefaultFonts = false;
            o.Telemetry = false;
            o.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            o.HideDarkModeToggle = true;
            o.ForceThemeMode = context.Request.Cookies[ThemeCookie.Name] == ThemeCookie.Dark ? ThemeMode.Dark : ThemeMode.Light;
            o.HeaderContent = ApiDocsHeader.Html(context.Request.PathBase);
            o.DisableAgent();
            o.DisableMcp();
        });
        app.MapApiFallback();
        return app;
    }
}
