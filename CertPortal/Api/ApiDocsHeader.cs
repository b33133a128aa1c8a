using System.Net;

namespace CertPortal.Api;

/// <summary>The strip above the API reference that leads back to the portal (the reference opens in its own tab).</summary>
public static class ApiDocsHeader
{
    public static string Html(PathString pathBase) =>
        $"""<nav style="padding: 8px 16px; font: 14px system-ui, sans-serif; border-bottom: 1px solid rgba(127,127,127,.3)"><a href="{WebUtility.HtmlEncode(pathBase.Value + "/")}" data-testid="api-docs-back" style="color: inherit">← Back to CertPortal</a></nav>""";
}
