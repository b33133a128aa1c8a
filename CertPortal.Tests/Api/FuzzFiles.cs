using System.Text;

namespace CertPortal.Tests.Api;

/// <summary>Broken files of every kind the API takes: PEM, DER, PFX, CSR, CSV.</summary>
internal static class FuzzFiles
{
    private static readonly (string Name, string Text)[] All =
    [
        ("cert.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all!!\n-----END CERTIFICATE-----\n"),
        ("cert.pem", "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n"),
        ("key.pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHzBJBgkqhkiG9w0BBQ0wPDAbBgkqhkiG9w0BBQwwDgQI\n-----END ENCRYPTED PRIVATE KEY-----\n"),
        ("key.pem", "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n"),
        ("bundle.pem", "-----BEGIN CERTIFICATE-----\n" + new string('A', 64) + "\n-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----"),
        ("cert.der", "\u0030\u0084\u00ff\u00ff\u00ff\u00ff\u0002\u0001"),
        ("cert.der", "\u0030\u0003\u0002\u0001"),
        ("store.pfx", "\u0030\u0082\u0001\u0000\u0002\u0001\u0003\u0030\u0080"),
        ("store.pfx", "PK\u0003\u0004 not a pfx"),
        ("request.csr", "-----BEGIN CERTIFICATE REQUEST-----\nMIICWjCCAUICAQAw\n-----END CERTIFICATE REQUEST-----\n"),
        ("request.csr", "-----BEGIN NEW CERTIFICATE REQUEST-----\n====\n-----END NEW CERTIFICATE REQUEST-----\n"),
        ("names.csv", "commonName,email\n\"unclosed,quote\nx,y,z,w,v\n"),
        ("names.csv", "\ufeff=cmd|' /C calc'!A0,@SUM(1+1)\n,\n\0,\0\n"),
        ("names.csv", string.Join("\n", Enumerable.Repeat("a,b", 5000))),
        ("empty.bin", ""),
        ("nul.bin", "\0\0\0\0"),
    ];

    public static (string Name, byte[] Bytes) Pick(Random random) => All[random.Next(All.Length)] is var (name, text) ? (name, Encoding.Latin1.GetBytes(text)) : default;
}
