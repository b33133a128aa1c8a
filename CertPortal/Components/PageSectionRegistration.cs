using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CertPortal.Components;

public static class PageSectionRegistration
{
    /// <summary>Adds <typeparamref name="TComponent"/> to <paramref name="page"/> for users who hold <paramref name="policy"/>.</summary>
    public static IServiceCollection AddPageSection<TComponent>(this IServiceCollection services, string page, int order, string policy)
        where TComponent : IComponent
    {
        services.TryAddSingleton<PageSections>();
        services.AddSingleton(new PageSection(page, typeof(TComponent), order, policy));
        return services;
    }
}
