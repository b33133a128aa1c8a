using CertPortal.Common;

namespace CertPortal.Data.Progress;

public static class ProgressRelayModule
{
    /// <summary>The relay's two halves; they do nothing unless the database is PostgreSQL.</summary>
    internal static IServiceCollection AddProgressRelay(this IServiceCollection services)
    {
        services.AddSingleton<ProgressRelay>();
        services.AddHostedService<ProgressSender>();
        services.AddHostedService<ProgressListener>();
        return services;
    }

    /// <summary>A slice's progress, raised on every instance: each slice registers what its pages follow live.</summary>
    public static IServiceCollection AddRelayedProgress<TProgress>(this IServiceCollection services) where TProgress : SubjectProgress
    {
        services.AddSingleton<TProgress>();
        services.AddSingleton<SubjectProgress>(sp => sp.GetRequiredService<TProgress>());
        return services;
    }
}
