using MudBlazor.Services;

namespace CertPortal.Components;

public static class ShellModule
{
    /// <summary>The Blazor Server app: MudBlazor, the layout, and the pages of every slice.</summary>
    public static WebApplicationBuilder AddShell(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<BrowserTime>();
        return builder;
    }

    public static WebApplication MapShell(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
