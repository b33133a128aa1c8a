using CertPortal.Features.Users.ApiTokens;
using CertPortal.Hosting;

namespace CertPortal.Features.Users.Commands;

/// <summary>Prints the token alone on stdout, so scripts can capture it: <c>TOKEN=$(... create-api-token ...)</c>.</summary>
internal sealed class CreateApiTokenCommand(ApiTokenService tokens) : ICliCommand
{
    public string Name => "create-api-token";

    public string Usage => "--name N --role admin|technician|readonly [--customer ID]";

    public async Task<int> RunAsync(CliArguments args, CancellationToken ct)
    {
        Guid? customer = null;
        if (args.Optional("customer") is { } text)
            customer = Guid.TryParse(text, out var id) ? id : throw new CliUsageException($"--customer '{text}' is not a customer id (a GUID).");
        var result = await tokens.CreateAsync(new ApiTokenInput(args.Required("name"), args.Required("role"), customer), ct);
        if (!result.IsOk)
        {
            await Console.Error.WriteLineAsync($"Not created: {result.Message}");
            return 1;
        }
        Console.WriteLine(result.Value!.Token);
        return 0;
    }
}
