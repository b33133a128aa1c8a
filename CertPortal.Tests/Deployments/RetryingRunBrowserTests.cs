using System.Net.Http.Json;
using System.Text.Json;
using CertPortal.Security;
using CertPortal.Tests.Certificates;
using CertPortal.Tests.Infrastructure;
using CertPortal.Tests.Reports;
using Microsoft.Playwright;

namespace CertPortal.Tests.Deployments;

/// <summary>A run that failed a passing error waits to try again: the page says when, and Run now tries at once.</summary>
public sealed class RetryingRunBrowserTests(ChromiumFixture chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task A_run_waiting_to_retry_says_when_and_which_attempt_and_run_now_tries_it_at_once()
    {
        await Portal.CreateUserAsync("retry@msp.test", Roles.Technician);
        var customer = await Portal.SeedCustomerAsync();
        using var chain = new TestChain("retry.example.test");
        var certificate = await Portal.ImportAsync(customer.Id, chain);
        var api = Portal.ApiClient(await Portal.CreateTokenAsync("technician"));
        // Nothing listens there: a refused connection is a passing error, tried again after a minute.
        var target = await api.PostAsJsonAsync("/api/v1/targets", new
        {
            customerId = customer.Id, name = "Sleeping device", type = "webhook",
            settings = new { url = $"http://127.0.0.1:{FreePort.Next()}/hook" }, secrets = new { hmacSecret = "retry-secret" },
        });
        var targetId = (await target.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var binding = await Portal.BindAsync(certificate.Id, targetId);
        await api.PostAsync($"/api/v1/deployments/{binding.Id}/run", null);
        await WaitForRetryAsync(api, binding.Id, attempts: 1);

        var page = await SignInAsync("retry@msp.test");
        await page.OpenAsync($"/deployments/{binding.Id}");
        var chip = page.GetByTestId("deployment-run").First.GetByTestId("deployment-status");
        await Assertions.Expect(chip).ToContainTextAsync("retrying at ");
        await Assertions.Expect(chip).ToContainTextAsync("(attempt 2 of 3)");
        await Assertions.Expect(chip).Not.ToContainTextAsync("queued");
        await ChromiumFixture.ScreenshotAsync(page, "deployment-retrying");

        var runNow = page.GetByTestId("run-deployment");
        await Assertions.Expect(runNow).ToBeEnabledAsync();
        await runNow.ClickAsync();

        // Tried at once (not a minute later): the second attempt failed too and waits for the third.
        await Assertions.Expect(chip).ToContainTextAsync("(attempt 3 of 3)", new() { Timeout = 20_000 });
        var runs = await api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{binding.Id}/runs");
        Assert.Equal(1, runs.GetArrayLength());
        Assert.Equal(2, runs[0].GetProperty("attempt").GetInt32());
    }

    private static async Task WaitForRetryAsync(HttpClient api, Guid bindingId, int attempts)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var runs = await api.GetFromJsonAsync<JsonElement>($"/api/v1/deployments/{bindingId}/runs");
            if (runs.GetArrayLength() == 1 && runs[0].GetProperty("retryAt").ValueKind == JsonValueKind.String && runs[0].GetProperty("attempt").GetInt32() == attempts)
                return;
        }
        throw new TimeoutException("The run did not come to wait for a retry.");
    }
}
