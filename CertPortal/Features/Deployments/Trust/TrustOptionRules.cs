using CertPortal.Common;
using CertPortal.Features.Targets.Connectors;

namespace CertPortal.Features.Deployments.Trust;

/// <summary>Checks a trust binding's options against what its target type declares (<see cref="ITrustConnector.TrustOptions"/>).</summary>
internal static class TrustOptionRules
{
    public static void Check(ITargetConnector? connector, IReadOnlyDictionary<string, string?> options, Validation check)
    {
        if (connector is not ITrustConnector trust)
        {
            check.Add("targetId", $"Targets of type '{connector?.Type}' cannot be given a CA to trust; use an ssh, FortiGate, PAN-OS or IIS target.");
            return;
        }
        foreach (var name in options.Keys.Where(k => trust.TrustOptions.All(o => o.Name != k)))
            check.Add($"options.{name}", $"'{name}' is not an option of {connector.DisplayName}; it takes {string.Join(", ", trust.TrustOptions.Select(o => o.Name))}.");
        foreach (var option in trust.TrustOptions)
        {
            var value = options.GetValueOrDefault(option.Name);
            if (string.IsNullOrWhiteSpace(value))
            {
                if (option.Required)
                    check.Add($"options.{option.Name}", $"{option.Label} is required.");
                continue;
            }
            check.MaxLength($"options.{option.Name}", value, option.Label, 500);
            if (value.Any(char.IsControl))
                check.Add($"options.{option.Name}", $"{option.Label} must be one line.");
            else if (option.Choices is { } choices && !choices.Contains(value))
                check.Add($"options.{option.Name}", $"{option.Label} must be one of {string.Join(", ", choices)}.");
            else if (option.Name.EndsWith("Path", StringComparison.Ordinal) && !value.StartsWith('/'))
                check.Add($"options.{option.Name}", $"{option.Label} must be an absolute path (start with /).");
        }
    }
}
