using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CertPortal.Tests.Users;

public sealed class ApiTokenTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_token_is_shown_once_works_records_its_last_use_and_stops_working_when_revoked()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var name = PortalSeed.UniqueName("nightly-report");

        var created = await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name, role = "technician" });
        var body = await created.JsonAsync(HttpStatusCode.Created);
        var token = body.Str("token")!;
        var id = body.Str("id")!;
        Assert.StartsWith("cpt_", token);
        Assert.True(token.Length >= 40, $"token '{token}' is too short to be 256 random bits");
        Assert.Equal($"/api/v1/api-tokens/{id}", created.Headers.Location?.ToString());
        Assert.Equal("technician", body.Str("role"));
        Assert.StartsWith(body.Str("prefix")!, token);

        var listed = await ListedAsync(admin, id);
        Assert.Equal(name, listed.Str("name"));
        Assert.Null(listed.Str("lastUsedAt"));
        Assert.False(listed.TryGetProperty("token", out _), "the list shows the token");

        portal.Clock.Advance(TimeSpan.FromMinutes(5));
        var usedAt = portal.Clock.GetUtcNow().UtcDateTime;
        var own = portal.ApiClient(token);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/api/v1/customers")).StatusCode);
        Assert.Equal(usedAt, (await ListedAsync(admin, id)).GetProperty("lastUsedAt").GetDateTime().ToUniversalTime());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/api-tokens/{id}")).StatusCode);
        var refused = await ProblemAssert.IsProblemAsync(await own.GetAsync("/api/v1/customers"), HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", refused.Str("detail"));
        await ProblemAssert.IsProblemAsync(await admin.DeleteAsync($"/api/v1/api-tokens/{id}"), HttpStatusCode.Conflict);
        var withRevoked = await (await admin.GetAsync("/api/v1/api-tokens?includeRevoked=true&pageSize=200")).JsonAsync();
        Assert.NotNull(Assert.Single(withRevoked.Items(), t => t.Str("id") == id).Str("revokedAt"));
        var active = await (await admin.GetAsync("/api/v1/api-tokens?pageSize=200")).JsonAsync();
        Assert.DoesNotContain(active.Items(), t => t.Str("id") == id);
    }

    [Fact]
    [Trait(TestDatabase.Trait, TestDatabase.Sqlite)]
    public async Task Neither_the_list_nor_the_database_file_holds_a_token_or_its_hash_in_clear()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var created = await (await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name = PortalSeed.UniqueName("db-scan"), role = "readonly" })).JsonAsync(HttpStatusCode.Created);
        var token = created.Str("token")!;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        Assert.Equal(HttpStatusCode.OK, (await portal.ApiClient(token).GetAsync("/api/v1/customers")).StatusCode);

        var list = await (await admin.GetAsync("/api/v1/api-tokens?includeRevoked=true&pageSize=200")).Content.ReadAsStringAsync();
        Assert.Contains(created.Str("prefix")!, list);
        Assert.DoesNotContain(token, list);
        Assert.DoesNotContain(hash, list, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("tokenHash", list, StringComparison.OrdinalIgnoreCase);

        var database = await DatabaseBytesAsync();
        Assert.True(Contains(database, created.Str("prefix")!), "the scan does not see the token rows at all");
        Assert.True(Contains(database, hash), "the token's hash is not where the scan looks");
        Assert.False(Contains(database, token), "the token is stored in clear");
        Assert.False(Contains(database, token[^24..]), "the secret part of the token is stored in clear");
    }

    [Fact]
    public async Task A_token_with_an_unknown_role_customer_or_no_name_is_refused_field_by_field()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var before = (await (await admin.GetAsync("/api/v1/api-tokens?pageSize=1")).JsonAsync()).Total();

        var role = await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name = "x", role = "superuser" }), "role");
        Assert.Contains(role, m => m.Contains("admin, technician or readonly"));
        await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name = "x" }), "role");
        var customer = await ProblemAssert.IsInvalidFieldAsync(
            await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name = "x", role = "readonly", customerId = Guid.NewGuid() }), "customerId");
        Assert.Contains(customer, m => m.Contains("no such customer"));
        await ProblemAssert.IsInvalidFieldAsync(await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name = " ", role = "admin" }), "name");
        await ProblemAssert.IsProblemAsync(await admin.DeleteAsync($"/api/v1/api-tokens/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

        Assert.Equal(before, (await (await admin.GetAsync("/api/v1/api-tokens?pageSize=1")).JsonAsync()).Total());
    }

    [Fact]
    public async Task A_token_limited_to_a_customer_says_so_in_the_list()
    {
        var admin = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var customer = await portal.SeedCustomerAsync();
        var created = await (await admin.PostAsJsonAsync("/api/v1/api-tokens", new { name = "scoped", role = "readonly", customerId = customer.Id })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(customer.Id.ToString(), (await ListedAsync(admin, created.Str("id")!)).Str("customerId"));
        var seen = await (await portal.ApiClient(created.Str("token")).GetAsync("/api/v1/customers")).JsonAsync();
        Assert.Equal(customer.Id.ToString(), Assert.Single(seen.Items()).Str("id"));
    }

    private static async Task<JsonElement> ListedAsync(HttpClient admin, string id)
    {
        var list = await (await admin.GetAsync("/api/v1/api-tokens?pageSize=200")).JsonAsync();
        return Assert.Single(list.Items(), t => t.Str("id") == id);
    }

    // The database file and its WAL as a copy of the data folder would have them, after a checkpoint.
    private async Task<byte[]> DatabaseBytesAsync()
    {
        var file = Path.Combine(portal.DataPath, "certportal.db");
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }
        var bytes = new List<byte>();
        foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            bytes.AddRange(copy.ToArray());
        }
        return [.. bytes];
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
