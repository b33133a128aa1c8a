using System.Xml;
using System.Xml.Linq;

namespace CertPortal.Common;

/// <summary>
/// XML read with DTDs prohibited: a document from a device, a vendor or a file cannot declare entities that expand
/// (billion laughs) or reach out. LINQ to XML's own Parse and Load process DTDs. Throws <see cref="XmlException"/>.
/// </summary>
public static class DtdFreeXml
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static XElement Parse(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), Settings);
        return XElement.Load(reader);
    }

    public static XDocument ParseDocument(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), Settings);
        return XDocument.Load(reader);
    }

    public static XDocument Load(string path)
    {
        using var reader = XmlReader.Create(path, Settings);
        return XDocument.Load(reader);
    }
}
