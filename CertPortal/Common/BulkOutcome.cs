namespace CertPortal.Common;

/// <summary>
/// What a bulk action did, item by item (each through the single action's use case, so each is checked and audited
/// alone): "Renewal started for 3 certificates; 1 refused: a.example.com: reason".
/// </summary>
public sealed class BulkOutcome(string done, string things)
{
    private readonly List<string> _refused = [];
    private int _succeeded;

    public bool AnyRefused => _refused.Count > 0;

    public void Add<T>(string name, Result<T> result)
    {
        if (result.IsOk)
            _succeeded++;
        else
            _refused.Add($"{name}: {result.Message}");
    }

    /// <summary>The summary; <c>done</c> is the success phrase ("Renewal started for"), <c>things</c> the plural noun.</summary>
    public override string ToString() =>
        $"{done} {_succeeded} {things}" + (_refused.Count == 0 ? "." : $"; {_refused.Count} refused: {string.Join("; ", _refused)}");
}
