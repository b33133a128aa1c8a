using CertPortal.Data.Commands;
using CertPortal.Data.Progress;
using CertPortal.Data.WorkQueue;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CertPortal.Data;

public static class DataModule
{
    /// <summary>
    /// The database (SQLite under the data folder, or PostgreSQL), master key and secret sealing, Data Protection keys
    /// in the database. Settings are read when first needed, not here, so hosts and tests that add configuration late
    /// are honoured.
    /// </summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DataOptions>().BindConfiguration(DataOptions.Section).PostConfigure(o =>
        {
            o.DataPath = Path.GetFullPath(string.IsNullOrWhiteSpace(o.DataPath) ? "data" : o.DataPath);
            PrivateFiles.EnsureFolder(o.DataPath);
        });

        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).Validate(
            o => o.IsPostgres || string.Equals(o.Provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase),
            $"{DatabaseOptions.Section}:Provider must be '{DatabaseOptions.Sqlite}' or '{DatabaseOptions.Postgres}'.");
        services.AddDbContextFactory<AppDbContext, AppDbContextFactory>((sp, o) =>
        {
            if (sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgres)
                o.UseNpgsql(PostgresConnectionString(sp));
            else
                o.UseSqlite(ConnectionString(sp));
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MasterKeyRing>();
        services.AddSingleton<MasterKeyStore>();
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<SealedSettings>();
        services.AddTransient<DatabaseStartup>();
        services.AddTransient<MasterKeyRotation>();
        services.AddDataCommands();
        services.AddPlannerStatistics();
        services.AddProgressRelay();
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section)
            .Validate(o => o.LeaseSeconds is >= 3 and <= 600, $"{QueueOptions.Section}:LeaseSeconds must be 3..600.")
            .Validate(o => o.PollMilliseconds is >= 50 and <= 60_000, $"{QueueOptions.Section}:PollMilliseconds must be 50..60000.")
            .ValidateOnStart();
        services.AddSingleton<QueueInstance>();
        services.AddSingleton<QueuedWorkStore>();
        services.AddScoped<HeldClaim>();

        // Sign-in cookies survive a restart, and work on every instance, because the keys that protect them are kept
        // in the database, sealed under the master key like every other secret.
        services.AddDataProtection().SetApplicationName("CertPortal").PersistKeysToDbContext<AppDbContext>();
        services.AddOptions<KeyManagementOptions>().Configure<SecretProtector>((o, protector) => o.XmlEncryptor = new MasterKeyXmlEncryptor(protector));
        services.AddTransient<DataProtectionKeysImport>();
        return builder;
    }

    /// <summary>Where versions before 1.1 kept the Data Protection keys; read once by <see cref="DataProtectionKeysImport"/>.</summary>
    public static string KeysFolder(DataOptions data) => Path.Combine(data.DataPath, "keys");

    public static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetConnectionString("Default")
        ?? $"Data Source={Path.Combine(services.GetRequiredService<IOptions<DataOptions>>().Value.DataPath, "certportal.db")}";

    /// <summary>
    /// The configured connection string with the session's time zone set to UTC: PostgreSQL formats a stored time in
    /// the session's zone, and the portal counts per UTC day (<see cref="UtcDay"/>).
    /// </summary>
    internal static string PostgresConnectionString(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IConfiguration>().GetConnectionString("Default")
            ?? throw new InvalidOperationException(
                $"{DatabaseOptions.Section}:Provider is '{DatabaseOptions.Postgres}' but ConnectionStrings:Default is not set " +
                "(e.g. ConnectionStrings__Default=Host=db;Port=5432;Database=certportal;Username=certportal;Password=...).");
        return new Npgsql.NpgsqlConnectionStringBuilder(configured) { Timezone = "UTC" }.ConnectionString;
    }
}
