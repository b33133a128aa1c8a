namespace CertPortal.Features.Endpoints;

/// <summary>What can be wrong with a watched endpoint (docs/discovery.md), worst first: the API's <c>problem</c> is the first that applies.</summary>
public static class EndpointProblems
{
    public const string NotDeployedVersion = "not-deployed-version";
    public const string Changed = "changed";
    public const string Expiring = "expiring";
    public const string NameMismatch = "name-mismatch";
    public const string ChainIncomplete = "chain-incomplete";
    public const string WeakKey = "weak-key";
    public const string Unreachable = "unreachable";

    public static readonly string[] WorstFirst = [NotDeployedVersion, Changed, Expiring, NameMismatch, ChainIncomplete, WeakKey, Unreachable];

    public static string Label(string problem) => problem switch
    {
        NotDeployedVersion => "not the deployed version",
        Changed => "changed unexpectedly",
        Expiring => "expiring",
        NameMismatch => "name mismatch",
        ChainIncomplete => "chain incomplete",
        WeakKey => "weak key",
        Unreachable => "unreachable",
        _ => problem,
    };

    public static List<string> Ordered(IEnumerable<string> problems) => [.. problems.Distinct().OrderBy(p => Array.IndexOf(WorstFirst, p))];
}
