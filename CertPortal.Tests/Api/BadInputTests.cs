using System.Net;
using System.Text;
using CertPortal.Data;
using CertPortal.Features.Customers;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Tests.Api;

/// <summary>Whatever a script sends, the API answers a 4xx problem a person can read, never a 500.</summary>
public sealed class BadInputTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    public static TheoryData<string, string, string?, int, string?> Bodies => new()
    {
        // method, path, JSON body, expected status, field named in errors (null: none required)
        { "POST", "/api/v1/customers", "{\"name\": \"Unclosed", 400, "body" },
        { "POST", "/api/v1/customers", "{\"name\": \"Ok\", \"notes\": nope}", 400, "body" },
        { "POST", "/api/v1/customers", "not json at all", 400, "body" },
        { "POST", "/api/v1/customers", "", 400, null },
        { "POST", "/api/v1/customers", "{\"name\": {}}", 400, "name" },
        { "POST", "/api/v1/customers", "{\"name\": \"Ok\", \"alertEmails\": 5}", 400, "alertEmails" },
        { "POST", "/api/v1/customers", "{\"name\": \"Ok\", \"alertEmails\": [\"a@b.test\", 7]}", 400, "alertEmails[1]" },
        { "POST", "/api/v1/customers", "[1, 2, 3]", 400, null },
        { "PUT", "/api/v1/customers/{id}", "{\"name\": 42}", 400, "name" },
        { "POST", "/api/v1/api-tokens", "{\"name\": \"x\", \"customerId\": \"not-a-guid\"}", 400, "customerId" },
        { "POST", "/api/v1/api-tokens", "{\"name\": true, \"role\": \"admin\"}", 400, "name" },
        { "PUT", "/api/v1/settings/smtp", "{\"host\": \"mail.test\", \"port\": \"abc\"}", 400, "port" },
        { "PUT", "/api/v1/settings/alerts", "{\"expiryThresholdDays\": [30, \"x\"]}", 400, "expiryThresholdDays[1]" },
        { "POST", "/api/v1/settings/smtp/test", "[1]", 400, null },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_body_that_does_not_fit_the_endpoint_answers_a_problem_naming_the_field(string method, string path, string? json, int status, string? field)
    {
        var customer = await portal.SeedCustomerAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", customer.Id.ToString()))
        {
            Content = new StringContent(json ?? "", Encoding.UTF8, "application/json"),
        };
        var response = await (await AdminAsync()).SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, (HttpStatusCode)status);
        if (field is not null)
            await ProblemAssert.IsInvalidFieldAsync(response, field);
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")), "the problem does not say what is wrong");
    }

    [Fact]
    public async Task A_body_over_one_megabyte_answers_413_and_stores_nothing()
    {
        var name = PortalSeed.UniqueName("Huge");
        var json = $"{{\"name\": \"{name}\", \"notes\": \"{new string('x', 1024 * 1024)}\"}}";
        var problem = await ProblemAssert.IsProblemAsync(await (await AdminAsync()).PostAsync("/api/v1/customers",
            new StringContent(json, Encoding.UTF8, "application/json")), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1 MB", problem.Str("detail"));
        Assert.Equal(0, (await (await (await AdminAsync()).GetAsync($"/api/v1/customers?search={name}")).JsonAsync()).Total());

        // Just under the limit the body is read, and its fields are judged on their own.
        var under = $"{{\"name\": \"{name}\", \"notes\": \"{new string('x', 1000 * 1000)}\"}}";
        var tooLongNotes = await (await AdminAsync()).PostAsync("/api/v1/customers", new StringContent(under, Encoding.UTF8, "application/json"));
        await ProblemAssert.IsInvalidFieldAsync(tooLongNotes, "notes");
    }

    [Fact]
    public async Task A_chunked_body_over_one_megabyte_answers_413_too()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"name\": \"{new string('y', 1100 * 1024)}\"}}")));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        await ProblemAssert.IsProblemAsync(await (await AdminAsync()).SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_form_post_to_a_json_route_answers_415_not_that_the_route_is_unknown()
    {
        var response = await (await AdminAsync()).PostAsync("/api/v1/customers", new StringContent("name=Acme", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.Str("detail"));
    }

    [Theory]
    [InlineData("GET", "/api/v1/customers/not-a-guid", 404)]
    [InlineData("PUT", "/api/v1/customers/12345", 404)]
    [InlineData("DELETE", "/api/v1/api-tokens/not-a-guid", 404)]
    [InlineData("GET", "/api/v1/customers/00000000-0000-0000-0000-000000000000", 404)]
    [InlineData("GET", "/api/v1/no-such-thing", 404)]
    [InlineData("POST", "/api/v2/customers", 404)]
    [InlineData("PATCH", "/api/v1/customers", 405)]
    [InlineData("GET", "/api/v1/customers?page=abc", 400)]
    [InlineData("GET", "/api/v1/audit?from=yesterday", 400)]
    [InlineData("GET", "/api/v1/audit?customerId=42", 400)]
    public async Task A_path_or_query_that_does_not_fit_answers_a_problem(string method, string path, int status)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
            request.Content = new StringContent("{\"name\": \"Whatever\"}", Encoding.UTF8, "application/json");
        var problem = await ProblemAssert.IsProblemAsync(await (await AdminAsync()).SendAsync(request), (HttpStatusCode)status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")), "the problem does not say what is wrong");
    }

    [Fact]
    public async Task Paging_out_of_range_is_clamped_not_refused()
    {
        await using (var db = await portal.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var now = DateTime.UtcNow;
            db.AddRange(Enumerable.Range(0, 201).Select(i => new Customer { Id = Guid.NewGuid(), Name = PortalSeed.UniqueName($"Bulk{i:000}"), CreatedAt = now, UpdatedAt = now }));
            await db.SaveChangesAsync();
        }
        var client = await AdminAsync();

        var clamped = await (await client.GetAsync("/api/v1/customers?page=-5&pageSize=100000")).JsonAsync();
        Assert.Equal(200, clamped.Items().Length);
        Assert.True(clamped.Total() >= 201);
        var firstPage = await (await client.GetAsync("/api/v1/customers?page=1&pageSize=200")).JsonAsync();
        Assert.Equal(firstPage.Items().Select(c => c.Str("id")), clamped.Items().Select(c => c.Str("id")));

        Assert.Single((await (await client.GetAsync("/api/v1/customers?page=1&pageSize=0")).JsonAsync()).Items());
        var farAway = await (await client.GetAsync($"/api/v1/customers?page={int.MaxValue}&pageSize=200")).JsonAsync();
        Assert.Empty(farAway.Items());
        Assert.True(farAway.Total() >= 201);
        var auditFarAway = await (await client.GetAsync($"/api/v1/audit?page={int.MaxValue}&pageSize=-1")).JsonAsync();
        Assert.Empty(auditFarAway.Items());
    }

    private async Task<HttpClient> AdminAsync() => portal.ApiClient(await portal.CreateTokenAsync("admin"));
}
