using System.Security.Cryptography;
using System.Text;

namespace CertPortal.Pki;

/// <summary>PEM armour (RFC 7468) around DER, and DER out of input that may be either.</summary>
public static class PemText
{
    public const string Certificate = "CERTIFICATE";
    public const string CertificateRequest = "CERTIFICATE REQUEST";
    public const string Crl = "X509 CRL";

    public static string Encode(string label, ReadOnlySpan<byte> der) => PemEncoding.WriteString(label, der) + "\n";

    /// <summary>
    /// The DER inside the first block labelled one of <paramref name="labels"/> when <paramref name="input"/> is PEM,
    /// else the input itself (taken as DER); null with an error when PEM has no such block.
    /// </summary>
    public static byte[]? DerFrom(ReadOnlySpan<byte> input, out string? error, params string[] labels)
    {
        error = null;
        var start = input.IndexOf("-----BEGIN "u8);
        if (start < 0)
            return input.ToArray();
        var text = Encoding.ASCII.GetString(input).AsSpan();
        while (PemEncoding.TryFind(text, out var fields))
        {
            var label = text[fields.Label].ToString();
            if (labels.Contains(label))
            {
                var der = new byte[fields.DecodedDataLength];
                if (Convert.TryFromBase64Chars(text[fields.Base64Data], der, out var written))
                    return der[..written];
            }
            text = text[fields.Location.End..];
        }
        error = $"The PEM text holds no {string.Join(" or ", labels)} block.";
        return null;
    }
}
