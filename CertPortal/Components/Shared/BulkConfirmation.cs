using MudBlazor;

namespace CertPortal.Components.Shared;

/// <summary>The question before a bulk action: how many, and which (the first ten by name).</summary>
public static class BulkConfirmation
{
    private const int Named = 10;

    public static async Task<bool> AskAsync(this IDialogService dialogs, string title, string verb, string things, IReadOnlyList<string> names)
    {
        var listed = string.Join(", ", names.Take(Named)) + (names.Count > Named ? $" and {names.Count - Named} more" : "");
        return await dialogs.ShowMessageBoxAsync(title, $"{verb} {names.Count} {things}: {listed}?", yesText: verb, cancelText: "Cancel") == true;
    }
}
