namespace CertPortal.Features.Certificates.Accounts;

/// <summary>Directory URLs of the public ACME CAs, so a technician picks a name instead of pasting a URL.</summary>
public static class AcmeDirectoryPresets
{
    public static readonly IReadOnlyList<AcmeDirectoryPreset> All =
    [
        new("letsencrypt", "Let's Encrypt", "https://acme-v02.api.letsencrypt.org/directory", RequiresEab: false),
        new("letsencrypt-staging", "Let's Encrypt (staging)", "https://acme-staging-v02.api.letsencrypt.org/directory", RequiresEab: false),
        new("zerossl", "ZeroSSL", "https://acme.zerossl.com/v2/DV90", RequiresEab: true),
        new("google", "Google Trust Services", "https://dv.acme-v02.api.pki.goog/directory", RequiresEab: true),
        new("google-staging", "Google Trust Services (staging)", "https://dv.acme-v02.test-api.pki.goog/directory", RequiresEab: true),
        new("buypass", "Buypass Go SSL", "https://api.buypass.com/acme/directory", RequiresEab: false),
        new("buypass-test", "Buypass Go SSL (test)", "https://api.test4.buypass.no/acme/directory", RequiresEab: false),
    ];

    public static AcmeDirectoryPreset? Find(string? id) => All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A known CA directory; <see cref="RequiresEab"/> says the CA wants External Account Binding.</summary>
public sealed record AcmeDirectoryPreset(string Id, string Name, string DirectoryUrl, bool RequiresEab);
