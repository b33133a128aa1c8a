using CertPortal.Features.Audit;
using CertPortal.Hosting;

namespace CertPortal.Data.Commands;

/// <summary>
/// <c>rotate-master-key [--new-key BASE64]</c>: re-seals every secret under a new key. With a key file the file is
/// replaced; with <c>CERTPORTAL_MASTER_KEY</c> the new key is printed for the operator to put in place.
/// </summary>
internal sealed class RotateMasterKeyCommand(MasterKeyRotation rotation, MasterKeyStore store, AuditLog audit) : ICliCommand
{
    public string Name => "rotate-master-key";

    public string Usage => "[--new-key BASE64]";

    public async Task<int> RunAsync(CliArguments args, CancellationToken ct)
    {
        MasterKey? newKey;
        try
        {
            newKey = args.Optional("new-key") is { } given ? MasterKey.FromBase64(given, "--new-key") : null;
        }
        catch (MasterKeyException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 64;
        }
        var (key, resealed) = await rotation.RotateAsync(newKey, ct);
        await audit.RecordAsync("master-key.rotate", "MasterKey", key.Id, $"Rotated the master key to {key.Id}; re-sealed {resealed} secrets.", ct: ct);
        if (store.FromEnvironment)
        {
            await Console.Error.WriteLineAsync($"Re-sealed {resealed} secrets under master key {key.Id}. Set {MasterKeyStore.EnvironmentVariable} to this value before the next start:");
            Console.WriteLine(key.ToBase64());
        }
        else
        {
            Console.WriteLine($"Re-sealed {resealed} secrets under master key {key.Id}; {store.KeyFile} holds the new key.");
        }
        return 0;
    }
}
