using System.Security.Cryptography;
using System.Text;

namespace CertPortal.Data;

/// <summary>
/// Encrypts secrets at rest with AES-256-GCM under the master key. Each value carries the id of the key that sealed it,
/// so a value sealed by a retired key is still readable during a rotation and a wrong key is recognised, not misread.
/// Format: <c>cp1:{keyId}:{base64(nonce | ciphertext | tag)}</c>.
/// </summary>
public sealed class SecretProtector(MasterKeyRing keys)
{
    private const string Prefix = "cp1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string CurrentKeyId => keys.Current.Id;

    public string Protect(string plaintext) => Protect(Encoding.UTF8.GetBytes(plaintext));

    public string Protect(byte[] plaintext) => Seal(keys.Current, plaintext);

    public string Unprotect(string sealedValue) => Encoding.UTF8.GetString(UnprotectBytes(sealedValue));

    public byte[] UnprotectBytes(string sealedValue)
    {
        var (keyId, blob) = Parse(sealedValue);
        var key = keys.Find(keyId)
            ?? throw new SecretUnreadableException($"The value was sealed with master key {keyId}, which is not loaded.");
        return Open(key, blob);
    }

    /// <summary>Re-seals a value under the current key (master key rotation).</summary>
    public string Reseal(string sealedValue) => Protect(UnprotectBytes(sealedValue));

    public static bool LooksSealed(string? value) => value is not null && value.StartsWith(Prefix + ":", StringComparison.Ordinal);

    public static string KeyIdOf(string sealedValue) => Parse(sealedValue).KeyId;

    private static string Seal(MasterKey key, byte[] plaintext)
    {
        var blob = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(key.Bytes, TagSize);
        gcm.Encrypt(nonce, plaintext, blob.AsSpan(NonceSize, plaintext.Length), blob.AsSpan(NonceSize + plaintext.Length), AssociatedData(key.Id));
        return $"{Prefix}:{key.Id}:{Convert.ToBase64String(blob)}";
    }

    private static byte[] Open(MasterKey key, byte[] blob)
    {
        if (blob.Length < NonceSize + TagSize)
            throw new SecretUnreadableException("The sealed value is truncated.");
        var plaintext = new byte[blob.Length - NonceSize - TagSize];
        using var gcm = new AesGcm(key.Bytes, TagSize);
        try
        {
            gcm.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize, plaintext.Length), blob.AsSpan(NonceSize + plaintext.Length), plaintext, AssociatedData(key.Id));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretUnreadableException($"The value does not authenticate under master key {key.Id}.");
        }
        return plaintext;
    }

    // The key id is authenticated too, so a value cannot be relabelled to another key.
    private static byte[] AssociatedData(string keyId) => Encoding.ASCII.GetBytes($"{Prefix}:{keyId}");

    private static (string KeyId, byte[] Blob) Parse(string sealedValue)
    {
        var parts = sealedValue.Split(':');
        if (parts.Length != 3 || parts[0] != Prefix)
            throw new SecretUnreadableException("The value is not a sealed secret.");
        try
        {
            return (parts[1], Convert.FromBase64String(parts[2]));
        }
        catch (FormatException)
        {
            throw new SecretUnreadableException("The sealed value is not valid base64.");
        }
    }
}
