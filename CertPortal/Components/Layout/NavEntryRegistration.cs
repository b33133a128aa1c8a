using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CertPortal.Components.Layout;

public static class NavEntryRegistration
{
    /// <summary>Adds a menu entry for a slice's page (see <see cref="NavEntry"/> for what its order means).</summary>
    public static IServiceCollection AddNavEntry(this IServiceCollection services, NavEntry entry)
    {
        services.TryAddSingleton<NavEntries>();
        services.AddSingleton(entry);
        return services;
    }
}
