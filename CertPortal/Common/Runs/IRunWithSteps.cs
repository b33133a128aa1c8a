namespace CertPortal.Common.Runs;

/// <summary>A run that logs its steps as it goes: an issuance run or a deployment run.</summary>
public interface IRunWithSteps
{
    List<RunStep> Steps { get; set; }
}
