using CertPortal.Data.Commands;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CertPortal.Data;

public static class DataModule
{
    /// <summary>
    /// SQLite database, master key and secret sealing, Data Protection keys, all under the data folder. Settings are
    /// read when first needed, not here, so hosts and tests that add configuration late are honoured.
    /// </summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DataOptions>().BindConfiguration(DataOptions.Section).PostConfigure(o =>
        {
            o.DataPath = Path.GetFullPath(string.IsNullOrWhiteSpace(o.DataPath) ? "data" : o.DataPath);
            PrivateFiles.EnsureFolder(o.DataPath);
        });

        services.AddDbContextFactory<AppDbContext>((sp, o) => o.UseSqlite(ConnectionString(sp)));
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

        // Sign-in cookies survive a restart because the keys that protect them are kept with the data.
        services.AddDataProtection().SetApplicationName("CertPortal");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<DataOptions>, ILoggerFactory, SecretProtector>((o, data, logs, protector) =>
        {
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(KeysFolder(data.Value)), logs);
            o.XmlEncryptor = new MasterKeyXmlEncryptor(protector);
        });
        return builder;
    }

    public static string KeysFolder(DataOptions data) => Path.Combine(data.DataPath, "keys");

    public static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetConnectionString("Default")
        ?? $"Data Source={Path.Combine(services.GetRequiredService<IOptions<DataOptions>>().Value.DataPath, "certportal.db")}";
}
