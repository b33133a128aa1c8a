using CertPortal.Data;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

namespace CertPortal.Hosting;

public static class LoggingModule
{
    /// <summary>
    /// Serilog to the console and to daily files under <c>{DataPath}/logs</c>. Framework request logs stay at Warning:
    /// at Information they print full URLs, query strings included. A command writes its logs to stderr only, so its
    /// stdout carries just its answer (a token, a key).
    /// </summary>
    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder, bool forCommand)
    {
        builder.Services.AddSerilog((services, log) =>
        {
            var dataPath = services.GetRequiredService<IOptions<DataOptions>>().Value.DataPath;
            log.ReadFrom.Configuration(services.GetRequiredService<IConfiguration>())
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .WriteTo.File(Path.Combine(dataPath, "logs", LogFileModes.FilePrefix + ".log"),
                    rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31, shared: true,
                    outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
            if (forCommand)
                log.WriteTo.Console(LogEventLevel.Warning, standardErrorFromLevel: LogEventLevel.Verbose);
            else
                log.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}");
        }, preserveStaticLogger: true); // one logger per host, not the static one: tests run many portals in one process
        if (!forCommand)
            builder.Services.AddHostedService<LogFileModes>();
        return builder;
    }
}
