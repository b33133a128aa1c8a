using CertPortal.Hosting;

namespace CertPortal.Data.Commands;

public static class DataCommands
{
    public static IServiceCollection AddDataCommands(this IServiceCollection services) =>
        services.AddTransient<ICliCommand, MigrateCommand>().AddTransient<ICliCommand, RotateMasterKeyCommand>()
            .AddTransient<ICliCommand, MigrateToPostgresCommand>().AddTransient<SqliteToPostgresCopy>();
}
