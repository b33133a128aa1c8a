using CertPortal.Common.Runs;
using CertPortal.Data;
using CertPortal.Features.Certificates.Issuance;
using CertPortal.Features.Deployments.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Data;

/// <summary>
/// Issuance and deployment runs once had a step type each; both now store <see cref="RunStep"/>. The JSON in their
/// Steps columns must not change: rows written before read back, and new rows are written as before.
/// </summary>
public sealed class RunStepColumnTests
{
    // As the old IssuanceStep and the old deployment RunStep were written: System.Text.Json's defaults, UTC times.
    private const string StoredSteps =
        """[{"Name":"Order created","Status":"done","Message":"Order at the CA.","At":"2026-11-20T10:00:00Z"},""" +
        """{"Name":"verify","Status":"failed","Message":"Served the old one.","At":"2026-11-20T10:00:05.25Z"},""" +
        """{"Name":"retry","Status":"waiting","Message":"Trying again.","At":"2026-11-20T10:00:06Z"}]""";

    private static readonly List<RunStep> Steps =
    [
        new("Order created", RunStep.Done, "Order at the CA.", new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc)),
        new("verify", RunStep.Failed, "Served the old one.", new DateTime(2026, 11, 20, 10, 0, 5, 250, DateTimeKind.Utc)),
        new("retry", RunStep.Waiting, "Trying again.", new DateTime(2026, 11, 20, 10, 0, 6, DateTimeKind.Utc)),
    ];

    [Theory]
    [InlineData(typeof(IssuanceRun))]
    [InlineData(typeof(DeploymentRun))]
    public void Steps_stored_in_the_old_shape_read_back_and_are_written_the_same(Type run)
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:")
            .UseApplicationServiceProvider(new ServiceCollection()
                .Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.Stores.SchemaVersion = Microsoft.AspNetCore.Identity.IdentitySchemaVersions.Version3)
                .BuildServiceProvider())
            .Options);
        var converter = db.Model.FindEntityType(run)!.FindProperty(nameof(IRunWithSteps.Steps))!.GetTypeMapping().Converter!;

        var read = Assert.IsType<List<RunStep>>(converter.ConvertFromProvider(StoredSteps));
        Assert.Equal(Steps, read);
        Assert.All(read, s => Assert.Equal(DateTimeKind.Utc, s.At.Kind));
        Assert.Equal(StoredSteps, converter.ConvertToProvider(Steps));
    }
}
