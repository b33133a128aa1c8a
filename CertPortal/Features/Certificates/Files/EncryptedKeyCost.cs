using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace CertPortal.Features.Certificates.Files;

/// <summary>
/// Reads how costly an encrypted private key is to open before opening it: the iteration count of PBES2/PBKDF2
/// (RFC 8018 A.2, A.4) or of a PKCS#12/PBES1 scheme, from the EncryptedPrivateKeyInfo (RFC 5958 3). A count the
/// sender chose freely would cost the portal seconds to hours of CPU per import.
/// </summary>
public static class EncryptedKeyCost
{
    public const int MaxIterations = 600_000;

    private const string Pbes2 = "1.2.840.113549.1.5.13";
    private const string Pbkdf2 = "1.2.840.113549.1.5.12";

    /// <summary>Why this ENCRYPTED PRIVATE KEY block is not opened, or null when its iteration count is acceptable.</summary>
    public static string? Problem(string pemBlock)
    {
        byte[] der;
        try
        {
            var fields = PemEncoding.Find(pemBlock);
            der = Convert.FromBase64String(pemBlock[fields.Base64Data]);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return "The encrypted private key is not valid PEM.";
        }
        try
        {
            var algorithm = new AsnReader(der, AsnEncodingRules.BER).ReadSequence().ReadSequence();
            var scheme = algorithm.ReadObjectIdentifier();
            var parameters = algorithm.ReadSequence();
            if (scheme == Pbes2)
            {
                var kdf = parameters.ReadSequence();
                if (kdf.ReadObjectIdentifier() != Pbkdf2)
                    return "The private key's password is derived with something other than PBKDF2, which the portal does not read.";
                parameters = kdf.ReadSequence();
            }
            else if (!scheme.StartsWith("1.2.840.113549.1.12.1.", StringComparison.Ordinal) && !scheme.StartsWith("1.2.840.113549.1.5.", StringComparison.Ordinal))
                return $"The private key is encrypted with a scheme the portal does not read ({scheme}).";
            parameters.ReadOctetString(); // the salt
            var iterations = parameters.ReadInteger();
            if (iterations < BigInteger.One)
                return "The private key's iteration count is not a positive number.";
            return iterations > MaxIterations
                ? $"The private key's password is stretched with {(iterations > int.MaxValue ? "over 2 billion" : $"{(long)iterations:N0}")} iterations; " +
                  $"the portal opens keys with at most {MaxIterations:N0}. Export it again with fewer (openssl pkcs8 -topk8 -iter {MaxIterations})."
                : null;
        }
        catch (AsnContentException)
        {
            return "The encrypted private key is not a PKCS#8 EncryptedPrivateKeyInfo.";
        }
    }
}
