namespace CertPortal.Security;

public static class SecurityModule
{
    /// <summary>Who is acting (for audit and customer scoping) and the permission policies' plumbing.</summary>
    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CircuitClient>();
        builder.Services.AddScoped<ActorAccessor>();
        builder.Services.AddAuthorization();
        return builder;
    }
}
