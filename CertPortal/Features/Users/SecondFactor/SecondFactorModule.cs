using CertPortal.Features.Users.Sessions;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;

namespace CertPortal.Features.Users.SecondFactor;

/// <summary>Passkeys, the authenticator app, the required second factor and idle sessions: the Users slice's part of sign-in security.</summary>
public static class SecondFactorModule
{
    public static WebApplicationBuilder AddSecondFactor(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The relying party id is the host the browser sees unless configured (behind a proxy, or one name for several hosts).
        services.Configure<IdentityPasskeyOptions>(o =>
        {
            o.ServerDomain = builder.Configuration["CertPortal:Passkeys:ServerDomain"] is { Length: > 0 } domain ? domain : null;
            o.AuthenticatorTimeout = TimeSpan.FromMinutes(3);
            o.UserVerificationRequirement = "required";
            o.ResidentKeyRequirement = "required";
        });
        services.ConfigureApplicationCookie(o => o.Events.OnSigningIn = IdleTimeoutCookie.ApplyAsync);
        services.AddScoped<SecondFactorStatus>();
        services.AddScoped<PasskeyService>();
        services.AddScoped<PasskeySignIn>();
        services.AddScoped<AuthenticatorService>();
        services.AddScoped<SecondFactorReset>();
        services.AddScoped<CircuitActivity>();
        services.AddScoped<CircuitHandler, CircuitActivityHandler>();
        return builder;
    }

    public static WebApplication MapSecondFactorEndpoints(this WebApplication app)
    {
        app.MapPasskeyEndpoints();
        app.MapSessionEndpoints();
        return app;
    }

    /// <summary>After authorization: one who must enrol a second factor reaches nothing else.</summary>
    public static IApplicationBuilder UseSecondFactorEnrolment(this IApplicationBuilder app) => app.UseMiddleware<EnrolmentGate>();
}
