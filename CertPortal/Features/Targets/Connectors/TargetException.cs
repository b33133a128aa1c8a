namespace CertPortal.Features.Targets.Connectors;

/// <summary>A device or host refused or failed a step. The message is for a technician and never holds a secret.</summary>
/// <remarks>
/// <paramref name="undone"/>: the step failed after the target was changed, and the connector put the old state back
/// (e.g. restored files and reloaded); the run then ends rolled-back rather than failed.
/// </remarks>
public sealed class TargetException(string message, Exception? inner = null, bool undone = false) : Exception(message, inner)
{
    public bool Undone => undone;
}
