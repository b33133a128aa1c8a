namespace CertPortal.Features.Targets.Connectors;

/// <summary>A device or host refused or failed a step. The message is for a technician and never holds a secret.</summary>
/// <remarks>
/// <paramref name="undone"/>: the step failed after the target was changed, and the connector put the old state back
/// (e.g. restored files and reloaded); the run then ends rolled-back rather than failed.
/// </remarks>
public sealed class TargetException(string message, Exception? inner = null, bool undone = false) : Exception(message, inner)
{
    public bool Undone => undone;

    /// <summary>The run step that failed ("connect", "import", "bind", "commit"), when the connector knows it; the run log names it.</summary>
    public string? Step { get; init; }

    /// <summary>
    /// A configuration error: a setting is missing or wrong, a credential or host key is refused. Trying again cannot
    /// help until a person changes the target, so a run ends failed at once instead of retrying.
    /// </summary>
    public bool Configuration { get; init; }

    /// <summary>A configuration error (<see cref="Configuration"/>).</summary>
    public static TargetException Setting(string message, Exception? inner = null) => new(message, inner) { Configuration = true };

    /// <summary>Runs one step of a push; a failure inside that names no step yet is named <paramref name="step"/>.</summary>
    public static async Task<T> InStepAsync<T>(string step, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (TargetException e) when (e.Step is null)
        {
            throw new TargetException(e.Message, e.InnerException, e.Undone) { Step = step, Configuration = e.Configuration };
        }
    }

    public static Task InStepAsync(string step, Func<Task> work) => InStepAsync(step, async () =>
    {
        await work();
        return true;
    });
}
