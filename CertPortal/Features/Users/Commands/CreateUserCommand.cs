using CertPortal.Hosting;

namespace CertPortal.Features.Users.Commands;

internal sealed class CreateUserCommand(UserService users) : ICliCommand
{
    public string Name => "create-user";

    public string Usage => "--email E --password P --role admin|technician|readonly";

    public async Task<int> RunAsync(CliArguments args, CancellationToken ct)
    {
        var result = await users.CreateAsync(args.Required("email"), args.Required("password"), args.Required("role"), ct);
        if (!result.IsOk)
        {
            await Console.Error.WriteLineAsync($"Not created: {result.Message}");
            return 1;
        }
        Console.WriteLine($"Created {result.Value!.Email} ({result.Value.Role}).");
        return 0;
    }
}
