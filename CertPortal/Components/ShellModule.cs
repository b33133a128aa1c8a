using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace CertPortal.Components;

public static class ShellModule
{
    /// <summary>The Blazor Server app: MudBlazor, the layout, and the pages of every slice.</summary>
    public static WebApplicationBuilder AddShell(this WebApplicationBuilder builder)
    {
        // Serve package assets (MudBlazor, _framework) from the build output in every environment, not only in
        // Development: `dotnet run` starts in Production. A published app has them in wwwroot and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<BrowserTime>();
        builder.Services.TryAddSingleton<PageSections>();
        return builder;
    }

    public static WebApplication MapShell(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
