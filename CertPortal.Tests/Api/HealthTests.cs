using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;
using Npgsql;

namespace CertPortal.Tests.Api;

public sealed class HealthTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Health_is_anonymous_and_reports_the_database()
    {
        var response = await portal.ApiClient(null).GetAsync("/api/v1/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("database").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
        Assert.Equal(TestDatabase.Lane, body.GetProperty("databaseProvider").GetString());
        var scheduler = body.GetProperty("scheduler");
        Assert.Equal("running", scheduler.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(scheduler.GetProperty("instanceId").GetString()));
    }

    [Fact]
    public async Task On_sqlite_the_schedule_is_in_memory_and_not_shared_and_no_progress_is_relayed()
    {
        using var sqlite = new PortalFactory { AlwaysSqlite = true };
        var body = await sqlite.ApiClient(null).GetFromJsonAsync<JsonElement>("/api/v1/health");
        Assert.Equal("sqlite", body.GetProperty("databaseProvider").GetString());
        Assert.Equal("memory", body.GetProperty("scheduler").GetProperty("store").GetString());
        Assert.False(body.GetProperty("scheduler").GetProperty("clustered").GetBoolean());
        Assert.Equal("off", body.GetProperty("progressRelay").GetString());
    }

    [Fact]
    public async Task On_postgres_the_schedule_is_in_the_database_and_shared_by_the_instances()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        using var postgres = new PortalFactory { PostgresConnectionString = connectionString };
        var response = await postgres.ApiClient(null).GetAsync("/api/v1/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ok", body.GetProperty("database").GetString());
        Assert.Equal("postgres", body.GetProperty("databaseProvider").GetString());
        var scheduler = body.GetProperty("scheduler");
        Assert.Equal("running", scheduler.GetProperty("status").GetString());
        Assert.Equal("postgres", scheduler.GetProperty("store").GetString());
        Assert.True(scheduler.GetProperty("clustered").GetBoolean());
    }

    [Fact]
    public async Task A_postgres_database_that_stops_answering_makes_health_503()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        using var postgres = new PortalFactory { PostgresConnectionString = connectionString };
        var client = postgres.ApiClient(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/health")).StatusCode);

        await DropAsync(server, connectionString);
        var response = await client.GetAsync("/api/v1/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.NotEqual("ok", body.GetProperty("database").GetString());
        Assert.Equal("postgres", body.GetProperty("databaseProvider").GetString());
    }

    private static async Task DropAsync(PostgresServer server, string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server.ConnectionString("postgres"));
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_problem_details()
    {
        // Bounded so a hang fails, yet generous: this may be a cold portal's first answer, with migrations, on busy cores.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var response = await portal.ApiClient(null).GetAsync("/api/v1/customers", cts.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
