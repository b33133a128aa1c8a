using CertPortal.Components.Layout;
using CertPortal.Data;
using CertPortal.Features.Customers;
using CertPortal.Features.Users.ApiTokens;
using CertPortal.Features.Users.Commands;
using CertPortal.Features.Users.SecondFactor;
using CertPortal.Hosting;
using CertPortal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor;

namespace CertPortal.Features.Users;

public static class UsersModule
{
    public static WebApplicationBuilder AddUsers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthentication.Scheme, null)
            .AddIdentityCookies();

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): long passphrases, no forced symbols.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
                // Version 3 adds the passkeys table (AspNetUserPasskeys).
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<UserClaimsFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // The sign-in cookie is checked against the security stamp every minute, so a role change, a disable or a
        // password reset ends other sessions within a minute.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, clock) =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.TimeProvider = clock;
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "CertPortal.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = SignedOutSessions.RejectStaleAsync;
        });

        builder.AddSecondFactor();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddScoped<AccountRedirect>();
        services.AddScoped<UserService>();
        services.AddScoped<CertPortal.Features.Audit.IAuditSubjects, UserAuditSubjects>();
        services.AddScoped<ApiTokenService>();
        services.AddScoped<ICustomerDependents, ApiTokenCustomerDependents>();
        services.AddScoped<ICustomerDependents, UserCustomerDependents>();
        services.AddSingleton<SetupToken>();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        services.AddHostedService<FirstRun>();
        services.AddPermissions(UserPermissions.Grants);
        services.AddTransient<ICliCommand, CreateUserCommand>();
        services.AddTransient<ICliCommand, ResetPasswordCommand>();
        services.AddTransient<ICliCommand, CreateApiTokenCommand>();
        builder.Services.AddNavEntry(new("Users", "users", Icons.Material.Filled.People, 210, UserPermissions.Manage, NavEntry.Administration));
        builder.Services.AddNavEntry(new("API tokens", "api-tokens", Icons.Material.Filled.Key, 220, UserPermissions.Manage, NavEntry.Administration));
        return builder;
    }

    public static WebApplication MapUsers(this WebApplication app)
    {
        app.MapApiTokenEndpoints();
        app.MapUserEndpoints();
        app.MapAccountEndpoints();
        app.MapSecondFactorEndpoints();
        return app;
    }
}
