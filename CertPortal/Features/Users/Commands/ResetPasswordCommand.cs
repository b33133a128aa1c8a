using CertPortal.Hosting;

namespace CertPortal.Features.Users.Commands;

internal sealed class ResetPasswordCommand(UserService users) : ICliCommand
{
    public string Name => "reset-password";

    public string Usage => "--email E --password P";

    public async Task<int> RunAsync(CliArguments args, CancellationToken ct)
    {
        var result = await users.ResetPasswordAsync(args.Required("email"), args.Required("password"), ct);
        if (!result.IsOk)
        {
            await Console.Error.WriteLineAsync($"Not reset: {result.Message}");
            return 1;
        }
        Console.WriteLine($"Reset the password of {result.Value!.Email}; any lockout is cleared.");
        return 0;
    }
}
