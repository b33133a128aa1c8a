using CertPortal.Data;
using CertPortal.Security;

namespace CertPortal.Hosting;

/// <summary>Runs a command on the configured database and exits, without starting the web server.</summary>
public static class CommandLine
{
    public static readonly string[] Names = ["create-user", "create-api-token", "reset-password", "migrate", "rotate-master-key", "migrate-to-postgres",
        "help", "--help"];

    /// <summary>The command in <paramref name="args"/>, or null when the portal should serve.</summary>
    public static string? Find(string[] args) =>
        args.Length > 0 && Names.Contains(args[0], StringComparer.OrdinalIgnoreCase) ? args[0].ToLowerInvariant() : null;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var commands = app.Services.GetServices<ICliCommand>().ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        if (!commands.TryGetValue(args[0], out var command))
        {
            await Console.Error.WriteLineAsync("Usage: CertPortal [command]\nWithout a command the portal serves. Commands:");
            foreach (var c in commands.Values.OrderBy(c => c.Name))
                await Console.Error.WriteLineAsync($"  {c.Name} {c.Usage}");
            return args[0] is "help" or "--help" ? 0 : 64;
        }
        using var _ = ActorAccessor.RunAs(Actor.CommandLine(command.Name));
        try
        {
            return await command.RunAsync(new CliArguments(args.Skip(1)), CancellationToken.None);
        }
        catch (CliUsageException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\nUsage: {command.Name} {command.Usage}");
            return 64;
        }
    }

    /// <summary>Migrates and loads the master key; a key that does not fit stops with a message and exit code 2.</summary>
    public static async Task<int> PrepareDatabaseAsync(this WebApplication app)
    {
        var startup = app.Services.GetRequiredService<DatabaseStartup>();
        try
        {
            await startup.PrepareAsync();
            return 0;
        }
        catch (MasterKeyException e)
        {
            app.Logger.LogCritical("Cannot start: {Reason}", e.Message);
            await Console.Error.WriteLineAsync($"CertPortal cannot start: {e.Message}");
            return 2;
        }
    }
}
