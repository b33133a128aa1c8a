using System.IO.Compression;
using System.Text;

namespace CertPortal.Common;

/// <summary>A file to hand to a browser or API client, and the shapes certificate downloads take.</summary>
public sealed record DownloadFile(string FileName, string ContentType, byte[] Content)
{
    public static DownloadFile Pem(string fileName, string text) => new(fileName, "application/x-pem-file", Encoding.ASCII.GetBytes(text));

    /// <summary>The usual certificate bundle: <c>name.crt</c>, <c>.chain.pem</c>, <c>.fullchain.pem</c>, and <c>.key</c> when a key is given.</summary>
    public static DownloadFile CertificateZip(string baseName, string leafPem, string chainPem, string? keyPem)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, $"{baseName}.crt", leafPem);
            Add(zip, $"{baseName}.chain.pem", chainPem);
            Add(zip, $"{baseName}.fullchain.pem", leafPem + chainPem);
            if (keyPem is not null)
                Add(zip, $"{baseName}.key", keyPem);
        }
        return new DownloadFile($"{baseName}.zip", "application/zip", buffer.ToArray());
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(Encoding.ASCII.GetBytes(text));
    }
}
