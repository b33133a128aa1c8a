using System.Text.RegularExpressions;
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

    /// <summary>
    /// Picks <paramref name="option"/> in the MudSelect carrying <paramref name="testId"/> and waits until the select
    /// shows it. A click that lands while the list is still opening is lost on a loaded machine, so it tries again.
    /// <paramref name="exact"/> false: the option holds that text (type pickers show a line of description under the name).
    /// </summary>
    public static async Task ChooseAsync(this IPage page, string testId, string option, bool exact = true)
    {
        var select = page.GetByTestId(testId);
        var pattern = new Regex(Regex.Escape(option));
        var item = exact
            ? page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true })
            : page.GetByRole(AriaRole.Option).Filter(new() { HasTextRegex = pattern });
        for (var attempt = 1; ; attempt++)
        {
            if (!await item.IsVisibleAsync())
                await select.ClickAsync();
            await item.ClickAsync();
            try
            {
                if (exact)
                    await Assertions.Expect(select).ToHaveTextAsync(option, new() { Timeout = 3_000 });
                else
                    await Assertions.Expect(select).ToHaveValueAsync(pattern, new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                // Not taken yet: the list is open again or still, the next round clicks the option once more.
            }
        }
    }
}
