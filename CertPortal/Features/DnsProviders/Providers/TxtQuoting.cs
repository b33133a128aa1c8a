namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// Zone-file quoting of a TXT value, as Route 53 wants it and Cloudflare may store and return it
/// (a challenge value is base64url, so it holds no quote or backslash to escape).
/// </summary>
public static class TxtQuoting
{
    public static string Quote(string value) => $"\"{value}\"";

    public static string Unquote(string content) =>
        content.Length >= 2 && content[0] == '"' && content[^1] == '"' ? content[1..^1].Replace("\\\"", "\"") : content;
}
