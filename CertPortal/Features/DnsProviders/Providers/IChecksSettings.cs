using CertPortal.Common;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>A provider type whose settings need a check beyond each field's kind (e.g. a program that must exist).</summary>
public interface IChecksSettings
{
    /// <summary>Adds an error under <c>settings.&lt;name&gt;</c> for each setting that cannot work.</summary>
    void Check(IReadOnlyDictionary<string, string?> values, Validation check);
}
