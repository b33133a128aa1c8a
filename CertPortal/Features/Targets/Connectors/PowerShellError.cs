using System.Text.RegularExpressions;
using System.Xml.Linq;
using CertPortal.Common;

namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// The message of a PowerShell error a technician needs: "Cmdlet : what went wrong", without the "At line:" position and
/// the "+ CategoryInfo" block (those echo the script, which may hold the PFX password). Windows PowerShell writes stderr
/// as CLIXML ("#&lt; CLIXML") when its output is not a console, with the text in &lt;S S="Error"&gt; elements.
/// </summary>
internal static partial class PowerShellError
{
    public static string Message(string error, string output)
    {
        var text = error.TrimStart().StartsWith("#< CLIXML", StringComparison.Ordinal) ? FromClixml(error) : error;
        if (string.IsNullOrWhiteSpace(text))
            text = output;
        // The console (and CLIXML) wraps a long message at the window width: its first paragraph is the message.
        var paragraph = text.Split('\n').Select(l => l.Trim()).SkipWhile(l => l.Length == 0)
            .TakeWhile(l => l.Length > 0 && !l.StartsWith("At line:", StringComparison.Ordinal) && !l.StartsWith('+'));
        var line = string.Join(' ', paragraph);
        return line.Length > 400 ? line[..400] + "…" : line;
    }

    private static string FromClixml(string error)
    {
        try
        {
            var xml = DtdFreeXml.ParseDocument(error[(error.IndexOf('\n') + 1)..]);
            var parts = xml.Descendants().Where(e => e.Name.LocalName == "S" && (string?)e.Attribute("S") == "Error").Select(e => e.Value);
            return Escape().Replace(string.Concat(parts), m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        }
        catch (System.Xml.XmlException)
        {
            return error;
        }
    }

    // CLIXML writes control characters as _xHHHH_ (e.g. _x000D__x000A_ for a line break).
    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex Escape();
}
