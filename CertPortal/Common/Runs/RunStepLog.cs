namespace CertPortal.Common.Runs;

/// <summary>How a run's step log grows and what it tells, the same for issuance and deployment runs.</summary>
public static class RunStepLog
{
    /// <summary>Adds a step. The list is replaced, not changed in place, so EF sees the JSON column change.</summary>
    public static void AddStep(this IRunWithSteps run, string name, string status, string message, DateTime at) =>
        run.Steps = [.. run.Steps, new RunStep(name, status, message, at)];

    /// <summary>The last step that failed, or null.</summary>
    public static RunStep? LastFailure(this IEnumerable<RunStep> steps) => steps.LastOrDefault(s => s.Status == RunStep.Failed);
}
