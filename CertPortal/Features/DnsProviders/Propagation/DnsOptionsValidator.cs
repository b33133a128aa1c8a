using Microsoft.Extensions.Options;

namespace CertPortal.Features.DnsProviders.Propagation;

/// <summary>Stops the portal at start with the exact key that is wrong, rather than failing at the first renewal.</summary>
internal sealed class DnsOptionsValidator : IValidateOptions<DnsOptions>
{
    public ValidateOptionsResult Validate(string? name, DnsOptions options) =>
        options.IsValid(out var problem) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
}
