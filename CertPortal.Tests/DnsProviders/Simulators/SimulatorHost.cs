using CertPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace CertPortal.Tests.DnsProviders.Simulators;

/// <summary>A vendor simulator's Kestrel app on a free loopback port, over HTTP (the providers take base URLs).</summary>
public static class SimulatorHost
{
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(Action<WebApplication> map)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(baseUrl);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e)
            {
                // A simulator's own bug: say so on the console of the test run rather than as a bare 500.
                Console.Error.WriteLine($"Simulator at {baseUrl} failed {context.Request.Method} {context.Request.Path}: {e}");
                throw;
            }
        });
        map(app);
        await app.StartAsync();
        return (app, baseUrl);
    }
}
