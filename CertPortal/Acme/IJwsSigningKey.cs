namespace CertPortal.Acme;

/// <summary>A key that signs ACME requests: what <see cref="JsonWebSignature"/> needs of it.</summary>
public interface IJwsSigningKey : IDisposable
{
    /// <summary>The JWS "alg" (RFC 7518 §3.1).</summary>
    string Algorithm { get; }

    /// <summary>The public JWK with its members in lexicographic order, as RFC 7638 hashes it.</summary>
    SortedDictionary<string, string> Jwk();

    /// <summary>RFC 7638 JWK thumbprint (SHA-256), base64url: the second half of every key authorization.</summary>
    string Thumbprint();

    /// <summary>The JWS signature over <paramref name="signingInput"/>, in the form the alg defines.</summary>
    byte[] Sign(byte[] signingInput);
}
