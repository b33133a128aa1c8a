namespace CertPortal.Pki;

/// <summary>How a PFX is encrypted.</summary>
public enum Pkcs12Flavour
{
    /// <summary>AES-256-CBC with PBKDF2-SHA256 (PBES2) and a SHA-256 MAC: current Windows, macOS, OpenSSL 3.</summary>
    Modern,

    /// <summary>3DES with SHA-1 PBE and a SHA-1 MAC: Windows before Server 2019/1709, older macOS, many firewalls.</summary>
    Legacy,
}
