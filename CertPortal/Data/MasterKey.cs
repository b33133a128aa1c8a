using System.Security.Cryptography;

namespace CertPortal.Data;

/// <summary>A 256-bit master key and its short public id (first 8 hex digits of its SHA-256).</summary>
public sealed class MasterKey
{
    public const int Size = 32;

    public MasterKey(byte[] bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"A master key is {Size} bytes; this one has {bytes.Length}.", nameof(bytes));
        Bytes = bytes;
        Id = Convert.ToHexStringLower(SHA256.HashData(bytes))[..8];
    }

    public string Id { get; }

    public byte[] Bytes { get; }

    public static MasterKey Generate() => new(RandomNumberGenerator.GetBytes(Size));

    public static MasterKey FromBase64(string text, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new MasterKeyException($"{source} is not base64. It must hold 32 random bytes in base64 (e.g. `openssl rand -base64 32`).");
        }
        if (bytes.Length != Size)
            throw new MasterKeyException($"{source} decodes to {bytes.Length} bytes; a master key is exactly {Size} bytes.");
        return new MasterKey(bytes);
    }

    public string ToBase64() => Convert.ToBase64String(Bytes);

    public override string ToString() => $"master key {Id}";
}
