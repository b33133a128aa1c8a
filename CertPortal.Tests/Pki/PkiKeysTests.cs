using System.Security.Cryptography;
using CertPortal.Pki;

namespace CertPortal.Tests.Pki;

public sealed class PkiKeysTests
{
    [Theory]
    [InlineData("ec256", "EC", 256)]
    [InlineData("ec384", "EC", 384)]
    [InlineData("rsa2048", "RSA", 2048)]
    [InlineData("rsa3072", "RSA", 3072)]
    public void A_created_key_survives_pkcs8_pem_and_describes_itself(string type, string algorithm, int bits)
    {
        using var key = PkiKeys.Create(type).Require();

        var pem = PkiKeys.ExportPkcs8Pem(key);
        using var imported = PkiKeys.ImportPem(pem).Require();

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem);
        Assert.Equal(new KeyDescription(type, algorithm, bits), PkiKeys.Describe(imported).Require());
    }

    [Fact]
    public void An_unknown_key_type_is_refused_with_the_known_ones()
    {
        Assert.Equal("Key type must be one of: ec256, ec384, rsa2048, rsa3072, rsa4096.", PkiKeys.Create("rsa1024").Error);
    }

    [Fact]
    public void An_rsa_1024_key_is_refused_on_import()
    {
        using var weak = RSA.Create(1024);

        Assert.Equal("RSA keys of 1024 bits are too weak; use at least 2048 bits.", PkiKeys.ImportPem(weak.ExportPkcs8PrivateKeyPem()).Error);
    }

    [Fact]
    public void Text_without_a_key_is_refused()
    {
        Assert.Equal("The text holds no readable EC or RSA private key in PEM.", PkiKeys.ImportPem("hello").Error);
    }
}
