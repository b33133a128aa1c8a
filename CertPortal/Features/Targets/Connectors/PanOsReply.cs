using System.Xml.Linq;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>One XML API answer: success, its code and the <c>&lt;response&gt;</c> element.</summary>
internal sealed record PanOsReply(bool Ok, int? Code, XElement Root)
{
    /// <summary>The text of <c>msg</c> (its <c>line</c>s joined), where PAN-OS explains an answer.</summary>
    public string Message => string.Join(" ", Root.Descendants("msg").Take(1).SelectMany(m => m.Descendants("line").Any() ? m.Descendants("line").Select(l => l.Value) : [m.Value])
        .Select(s => s.Trim()).Where(s => s.Length > 0));

    public string? Result(string path) => Root.Element("result") is { } result
        ? path.Split('/').Aggregate((XElement?)result, (e, name) => e?.Element(name))?.Value : null;
}
