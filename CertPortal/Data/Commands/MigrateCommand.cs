using CertPortal.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Data.Commands;

/// <summary><c>migrate</c>: the migrations were applied before any command ran; report where and exit.</summary>
internal sealed class MigrateCommand(IDbContextFactory<AppDbContext> dbFactory) : ICliCommand
{
    public string Name => "migrate";

    public string Usage => "(apply database migrations and exit)";

    public async Task<int> RunAsync(CliArguments args, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        Console.WriteLine($"Database {db.Database.GetDbConnection().DataSource} is at migration {applied.LastOrDefault() ?? "(none)"} ({applied.Count} applied).");
        return 0;
    }
}
