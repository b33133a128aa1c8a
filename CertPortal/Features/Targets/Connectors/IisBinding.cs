using System.Text.Json;
using System.Text.RegularExpressions;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// One https binding of an IIS site as Get-WebBinding shows it: "ip:port:host" (IPv6 in brackets), sslFlags (1 = SNI,
/// the vendor documents) and the bound certificate's SHA-1 thumbprint. <see cref="Site"/> is read from ItemXPath.
/// </summary>
internal sealed partial record IisBinding(string BindingInformation, int SslFlags, string? CertificateHash, string? Site)
{
    public const int SniFlag = 1;

    public string IpAddress => BindingInformation[..BindingInformation[..HostSeparator].LastIndexOf(':')];

    public int Port => int.TryParse(BindingInformation[(BindingInformation[..HostSeparator].LastIndexOf(':') + 1)..HostSeparator], out var port) ? port : 0;

    public string HostName => BindingInformation[(HostSeparator + 1)..];

    public bool Sni => (SslFlags & SniFlag) != 0;

    public bool Uses(string thumbprint) => string.Equals(CertificateHash, thumbprint, StringComparison.OrdinalIgnoreCase);

    private int HostSeparator => BindingInformation.LastIndexOf(':');

    public override string ToString() => $"{BindingInformation}{(Sni ? " (SNI)" : "")}";

    /// <summary>ConvertTo-Json prints nothing for no objects, an object for one and an array for several.</summary>
    public static IReadOnlyList<IisBinding> ParseAll(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        using var document = JsonDocument.Parse(json);
        var items = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [document.RootElement];
        return items.Select(Parse).Where(b => b.BindingInformation.Count(c => c == ':') >= 2).ToList();
    }

    private static IisBinding Parse(JsonElement item)
    {
        var site = Text(item, "ItemXPath") is { } path && SiteName().Match(path) is { Success: true } match ? match.Groups[1].Value.Replace("''", "'") : null;
        var flags = item.TryGetProperty("sslFlags", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetInt32() : 0;
        return new IisBinding(Text(item, "bindingInformation") ?? "", flags, Text(item, "certificateHash") is { Length: > 0 } hash ? hash.ToUpperInvariant() : null, site);
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // ItemXPath looks like /system.applicationHost/sites/site[@name='Default Web Site' and @id='1'].
    [GeneratedRegex("site\\[@name='((?:[^']|'')*)'")]
    private static partial Regex SiteName();
}
