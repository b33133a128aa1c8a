using CertPortal.Common;
using CertPortal.Data;
namespace CertPortal.Features.Targets.Connectors;

/// <summary>The connectors this build implements, and the settings every target shares.</summary>
public sealed class TargetConnectors(IEnumerable<ITargetConnector> connectors)
{
    /// <summary>the README's API section: every target type takes these; the management API's TLS trust and an optional maintenance window.</summary>
    public static readonly IReadOnlyList<TargetField> Common =
    [
        new("tlsTrust", "Management TLS trust", "system (the machine's CAs) or pinned (a device's self-signed management certificate).", Required: false, Choices: ["system", "pinned"], Kind: SettingKind.EndpointTrust),
        new("pinnedCertSha256", "Pinned certificate SHA-256", "With tlsTrust pinned: the management certificate's SHA-256, lowercase hex without colons.", Required: false, Kind: SettingKind.EndpointTrust,
            ShownWhen: new("tlsTrust", "pinned")),
        new("maintenanceWindow", "Maintenance window", "Optional, e.g. \"Mon-Fri 22:00-05:00 Europe/Berlin\"; runs outside it wait.", Required: false, Section: FormSection.Advanced),
    ];

    /// <summary>What the form of <paramref name="connector"/> shows: its own fields, the TLS trust only where there is a management API, and the window.</summary>
    public static IEnumerable<TargetField> FormFieldsOf(ITargetConnector? connector) =>
        (connector?.Fields ?? []).Concat(Common.Where(f => connector?.ManagementTls == true || f.Name == "maintenanceWindow"));

    public IReadOnlyList<ITargetConnector> All { get; } = connectors.OrderBy(c => c.Type).ToList();

    /// <summary>Each type's vendor name, so lists order by what they show.</summary>
    public IReadOnlyDictionary<string, string> DisplayNames => All.ToDictionary(c => c.Type, c => c.DisplayName);

    public ITargetConnector? Find(string? type) => All.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.OrdinalIgnoreCase));
}
