using CertPortal.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.Users;

/// <summary>
/// At a start with no users: creates the bootstrap admin when configured, else issues the one-time setup link and
/// prints it to the console and log once the server listens.
/// </summary>
internal sealed class FirstRun(
    IServiceScopeFactory scopes,
    SetupToken setupToken,
    IOptions<BootstrapOptions> bootstrap,
    IConfiguration configuration,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<FirstRun> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var role in Roles.All)
            await UserService.EnsureRoleAsync(scope.ServiceProvider, role);

        var users = scope.ServiceProvider.GetRequiredService<UserService>();
        if (await users.AnyAsync(ct))
            return;

        var (email, password) = (bootstrap.Value.AdminEmail, bootstrap.Value.AdminPassword);
        if (!string.IsNullOrWhiteSpace(email) && !string.IsNullOrEmpty(password))
        {
            using var _ = ActorAccessor.RunAs(new Actor("bootstrap", ActorKind.Cli, null, null));
            var created = await users.CreateAsync(email, password, Roles.Admin, ct);
            if (created.IsOk)
                logger.LogInformation("Created the bootstrap admin {Email}", email);
            else
                logger.LogError("Could not create the bootstrap admin {Email}: {Reason}", email, created.Message);
            return;
        }

        var token = setupToken.Issue();
        lifetime.ApplicationStarted.Register(() => AnnounceSetupLink(token));
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private void AnnounceSetupLink(string token)
    {
        var link = $"{BaseUrl()}/setup?token={token}";
        // Printed on purpose: the link is how the first admin is made. It works once and dies with this process.
        logger.LogWarning("No users yet. Create the first admin at {SetupLink}", link);
        Console.Out.Flush();
    }

    private string BaseUrl()
    {
        if (configuration["CertPortal:PublicBaseUrl"] is { Length: > 0 } configured)
            return configured.TrimEnd('/');
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        return address.Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost").TrimEnd('/');
    }
}
