using CertPortal.Data;

namespace CertPortal.Tests.Data;

public sealed class SecretProtectorTests
{
    private const string Secret = "cloudflare-api-token: 9f8e7d6c5b4a";

    [Fact]
    public void A_sealed_value_opens_to_what_was_sealed_and_does_not_show_it()
    {
        var (protector, key) = ProtectorWithNewKey();
        var sealedValue = protector.Protect(Secret);

        Assert.StartsWith($"cp1:{key.Id}:", sealedValue);
        Assert.DoesNotContain("9f8e7d6c5b4a", sealedValue);
        Assert.True(SecretProtector.LooksSealed(sealedValue));
        Assert.Equal(Secret, protector.Unprotect(sealedValue));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, protector.UnprotectBytes(protector.Protect([0, 1, 2, 255])));
        Assert.Equal("", protector.Unprotect(protector.Protect("")));
    }

    [Fact]
    public void Sealing_the_same_value_twice_gives_different_ciphertexts()
    {
        var (protector, _) = ProtectorWithNewKey();
        var first = protector.Protect(Secret);
        var second = protector.Protect(Secret);

        Assert.NotEqual(first, second);
        // A fresh nonce, not only a different tag: the first 12 bytes (the nonce) differ.
        Assert.NotEqual(Blob(first)[..12], Blob(second)[..12]);
        Assert.Equal(protector.Unprotect(first), protector.Unprotect(second));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(-1)]
    public void A_tampered_value_is_refused_not_misread(int byteToFlip)
    {
        var (protector, key) = ProtectorWithNewKey();
        var blob = Blob(protector.Protect(Secret));
        var index = byteToFlip < 0 ? blob.Length + byteToFlip : byteToFlip;
        blob[index] ^= 0x01;

        var tampered = $"cp1:{key.Id}:{Convert.ToBase64String(blob)}";
        Assert.Throws<SecretUnreadableException>(() => protector.Unprotect(tampered));
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("cp1:abcd1234")]
    [InlineData("cp1:abcd1234:not base64!")]
    [InlineData("cp1:abcd1234:AAAA")]
    [InlineData("cp2:abcd1234:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void A_value_that_is_not_a_sealed_secret_is_refused(string value)
    {
        var (protector, key) = ProtectorWithNewKey();
        Assert.Throws<SecretUnreadableException>(() => protector.Unprotect(value.Replace("abcd1234", key.Id)));
    }

    [Fact]
    public void A_value_sealed_under_a_key_that_is_not_loaded_is_refused_and_names_that_key()
    {
        var (sealer, sealingKey) = ProtectorWithNewKey();
        var (stranger, _) = ProtectorWithNewKey();
        var sealedValue = sealer.Protect(Secret);

        var error = Assert.Throws<SecretUnreadableException>(() => stranger.Unprotect(sealedValue));
        Assert.Contains(sealingKey.Id, error.Message);
        Assert.DoesNotContain(Secret, error.Message);
    }

    [Fact]
    public void A_value_relabelled_with_another_loaded_key_id_is_refused()
    {
        var ring = new MasterKeyRing();
        var oldKey = MasterKey.Generate();
        var newKey = MasterKey.Generate();
        ring.Use(oldKey);
        ring.Use(newKey);
        var protector = new SecretProtector(ring);
        var sealedValue = protector.Protect(Secret);

        // The key id is authenticated: pointing the same bytes at the other key must not decrypt.
        var relabelled = sealedValue.Replace($":{newKey.Id}:", $":{oldKey.Id}:");
        Assert.Throws<SecretUnreadableException>(() => protector.Unprotect(relabelled));
    }

    [Fact]
    public void After_a_new_key_is_used_old_values_still_open_and_reseal_moves_them_to_the_new_key()
    {
        var ring = new MasterKeyRing();
        var oldKey = MasterKey.Generate();
        ring.Use(oldKey);
        var protector = new SecretProtector(ring);
        var sealedUnderOld = protector.Protect(Secret);

        var newKey = MasterKey.Generate();
        ring.Use(newKey);

        Assert.Equal(newKey.Id, protector.CurrentKeyId);
        Assert.Equal(Secret, protector.Unprotect(sealedUnderOld));
        Assert.Equal(newKey.Id, SecretProtector.KeyIdOf(protector.Protect("new value")));

        var resealed = protector.Reseal(sealedUnderOld);
        Assert.Equal(oldKey.Id, SecretProtector.KeyIdOf(sealedUnderOld));
        Assert.Equal(newKey.Id, SecretProtector.KeyIdOf(resealed));

        // Only the new key is needed from now on.
        var newOnly = new MasterKeyRing();
        newOnly.Use(new MasterKey(newKey.Bytes));
        Assert.Equal(Secret, new SecretProtector(newOnly).Unprotect(resealed));
        Assert.Throws<SecretUnreadableException>(() => new SecretProtector(newOnly).Unprotect(sealedUnderOld));
    }

    [Fact]
    public void A_key_id_is_the_first_8_hex_digits_of_the_keys_sha256_and_nothing_seals_before_a_key_is_loaded()
    {
        var bytes = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..8];
        Assert.Equal(expected, new MasterKey(bytes).Id);
        Assert.Equal(expected, MasterKey.FromBase64(Convert.ToBase64String(bytes), "test").Id);
        Assert.Throws<MasterKeyException>(() => MasterKey.FromBase64(Convert.ToBase64String(new byte[16]), "test"));

        var unloaded = new SecretProtector(new MasterKeyRing());
        Assert.Throws<MasterKeyException>(() => unloaded.Protect(Secret));
    }

    private static (SecretProtector Protector, MasterKey Key) ProtectorWithNewKey()
    {
        var ring = new MasterKeyRing();
        var key = MasterKey.Generate();
        ring.Use(key);
        return (new SecretProtector(ring), key);
    }

    private static byte[] Blob(string sealedValue) => Convert.FromBase64String(sealedValue.Split(':')[2]);
}
