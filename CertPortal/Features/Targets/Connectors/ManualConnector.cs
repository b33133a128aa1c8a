using CertPortal.Common;
using CertPortal.Data;
namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// A system the portal cannot reach (an appliance without an API, a customer's own admin): the run hands a person the
/// bundle and the target's checklist and waits until they mark it done; then the served certificate is verified like
/// any other target's, so "done" is checked, not believed.
/// </summary>
public sealed class ManualConnector : ITargetConnector
{
    public string Type => "manual";

    public string DisplayName => "Manual (a technician follows a checklist)";

    public string Description => "Hands a technician the files and a checklist, waits for \"done\", then checks the endpoint.";

    public bool WaitsForPerson => true;

    public IReadOnlyList<TargetField> Fields { get; } =
    [
        new("checklist", "Checklist", "What the technician does, one step per line, e.g. \"Upload the PFX under System > Certificates\". Each line becomes a box to tick.", Lines: 5, Section: FormSection.Destination),
        new("verifyHost", "Verify host", "Optional: host whose TLS endpoint should serve the certificate once it is marked done.", Required: false, Section: FormSection.Verification),
        new("verifyPort", "Verify port", "Port of that endpoint, default 443.", Required: false, Kind: SettingKind.Port, Section: FormSection.Verification),
        new("verifySni", "Verify SNI", "Server name to send in the handshake, default the verify host.", Required: false, Section: FormSection.Verification),
    ];

    /// <summary>The checklist as the run page shows it: one item per non-empty line.</summary>
    public static IReadOnlyList<string> Checklist(TargetSettings settings) => Checklist(settings.Optional("checklist"));

    public static IReadOnlyList<string> Checklist(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public Task<TargetTestResult> TestAsync(TargetSettings settings, CancellationToken ct)
    {
        var steps = Checklist(settings).Count;
        return Task.FromResult(steps == 0
            ? new TargetTestResult(false, "The checklist is empty: write down what the technician does.")
            : new TargetTestResult(true, $"Nothing to log in to: a run hands over the bundle and {steps} checklist step(s)" +
                (VerificationEndpoint.From(settings) is { } endpoint ? $", then checks {endpoint.Host}:{endpoint.Port}." : "; without verifyHost nothing is checked afterwards.")));
    }

    public async Task DeployAsync(ConnectorRun run, CancellationToken ct) =>
        await run.StepAsync("bundle", $"Version {run.Certificate.Version} is ready to download with {Checklist(run.Settings).Count} checklist step(s); waiting for a technician to mark it done.");

    public Task RollbackAsync(ConnectorRun run, CancellationToken ct) =>
        throw new TargetException(run.Previous is { } previous
            ? $"A manual target is not changed by the portal: put version {previous.Version} back by hand (download it from the certificate page)."
            : "A manual target is not changed by the portal, and there is no earlier version to put back.");

    public VerificationEndpoint? EndpointToVerify(TargetSettings settings, IReadOnlyDictionary<string, string?> options) => VerificationEndpoint.From(settings);
}
