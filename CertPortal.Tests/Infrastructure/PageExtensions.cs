using Microsoft.Playwright;

namespace CertPortal.Tests.Infrastructure;

public static class PageExtensions
{
    /// <summary>Opens a portal page and waits until its Blazor circuit is live (clicks before that do nothing).</summary>
    public static async Task<IResponse?> OpenAsync(this IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        await page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return response;
    }

    /// <summary>The text input of a MudBlazor field carrying <paramref name="testId"/>.</summary>
    public static ILocator Field(this IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;
}
