using System.Xml;
using System.Xml.Linq;
using CertPortal.Common;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// PAN-OS XML API calls (<c>/api/</c>, key in <c>X-PAN-KEY</c>) and its envelope
/// <c>&lt;response status="success|error" code="N"&gt;</c>. Sources: see <see cref="PanOsConnector"/>.
/// </summary>
internal sealed class PanOsApi(TargetSettings settings, IEnumerable<string>? alsoTrusted = null) : IDisposable
{
    private readonly HttpClient http = ManagementCall.ForBaseUrl(settings, "PAN-OS firewall", alsoTrusted);

    public void Dispose() => http.Dispose();

    /// <summary>Parameters go in the form body, or in the query when <paramref name="file"/> is the multipart body. Never throws for an error envelope.</summary>
    public async Task<PanOsReply> SendAsync(IReadOnlyDictionary<string, string> parameters, HttpContent? file, string what, CancellationToken ct)
    {
        var query = file is null ? "" : "?" + string.Join("&", parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/" + query) { Content = file ?? new FormUrlEncodedContent(parameters) };
        request.Headers.Add("X-PAN-KEY", settings.Required("apiKey"));
        var (status, text) = await ManagementCall.SendAsync(http, request, "PAN-OS firewall", what, ct);
        XElement? root = null;
        try
        {
            // No DTDs from a device: an HTML page (login, proxy) fails here like any other non-API answer.
            root = DtdFreeXml.Parse(text);
        }
        catch (XmlException)
        {
        }
        if (root?.Name != "response")
            throw new TargetException($"PAN-OS answered {what} with {(int)status} and no XML API response (is baseUrl the management address?).");
        var code = int.TryParse((string?)root.Attribute("code"), out var c) ? c : (int?)null;
        return new PanOsReply((string?)root.Attribute("status") == "success" && (int)status is >= 200 and <= 299, code ?? ((int)status == 403 ? 403 : null), root);
    }

    /// <summary>The technician's message for an error envelope (codes from the XML API error-code page).</summary>
    public static TargetException Explain(PanOsReply reply, string what)
    {
        var detail = reply.Message is { Length: > 0 } m ? $": {m}" : "";
        return new TargetException(reply.Code switch
        {
            403 => $"PAN-OS refused the API key (403) while {what}: check apiKey.",
            7 => $"PAN-OS says the object is not present ({what}, code 7){detail}",
            10 => $"PAN-OS says the object is still in use ({what}, code 10){detail}",
            13 => $"PAN-OS did not find the object ({what}, code 13){detail}",
            15 => $"PAN-OS denied access ({what}, code 15): the admin role lacks this permission{detail}",
            16 => $"PAN-OS says the admin is not authorized ({what}, code 16): the role needs XML API rights{detail}",
            17 => $"PAN-OS rejected the command as invalid ({what}, code 17){detail}",
            18 => $"PAN-OS rejected the request as malformed ({what}, code 18){detail}",
            var code => $"PAN-OS failed {what}{(code is { } c ? $" (code {c})" : "")}{detail}",
        })
        {
            // A refused key or a role without the right stays so until a person changes it.
            Configuration = reply.Code is 403 or 15 or 16,
        };
    }
}
