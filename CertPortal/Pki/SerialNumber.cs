using System.Security.Cryptography;

namespace CertPortal.Pki;

/// <summary>
/// Certificate serial numbers: 128 random bits as a positive DER INTEGER (RFC 5280 §4.1.2.2 allows 20 octets;
/// CA/Browser Forum asks for 64 random bits at least). As text, lowercase hex of the integer's octets, the way
/// <c>X509Certificate2.SerialNumber</c> and <c>openssl x509 -serial</c> print it.
/// </summary>
public static class SerialNumber
{
    public static byte[] NewRandom()
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        return Minimal([0, .. random]);
    }

    public static string ToHex(ReadOnlySpan<byte> serial) => Convert.ToHexStringLower(serial);

    /// <summary>Reads hex (colons and case ignored) into the integer's minimal positive octets; null when it is not hex.</summary>
    public static byte[]? FromHex(string? hex)
    {
        var digits = (hex ?? "").Replace(":", "", StringComparison.Ordinal).Trim();
        if (digits.Length == 0 || digits.Length > 42 || !digits.All(char.IsAsciiHexDigit))
            return null;
        var bytes = Convert.FromHexString(digits.Length % 2 == 1 ? "0" + digits : digits);
        return Minimal(bytes[0] >= 0x80 ? [0, .. bytes] : bytes);
    }

    /// <summary>Drops leading zero octets DER does not allow (one stays when the next octet has its top bit set).</summary>
    private static byte[] Minimal(byte[] octets)
    {
        var start = 0;
        while (start < octets.Length - 1 && octets[start] == 0 && octets[start + 1] < 0x80)
            start++;
        return octets[start..];
    }
}
