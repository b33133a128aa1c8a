namespace CertPortal.Pki;

/// <summary>What a key is: its the README's API section type name (<c>ec256</c>, <c>rsa3072</c>...), algorithm and size in bits.</summary>
public sealed record KeyDescription(string Type, string Algorithm, int Bits)
{
    public bool IsRsa => Algorithm == "RSA";
}
