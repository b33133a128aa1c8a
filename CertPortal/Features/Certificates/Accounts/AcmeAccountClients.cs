using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CertPortal.Acme;
using CertPortal.Data;

namespace CertPortal.Features.Certificates.Accounts;

/// <summary>
/// Opens an <see cref="AcmeClient"/> for a stored account. HTTP clients are shared per set of trusted roots so
/// parallel orders reuse connections instead of opening one per order.
/// </summary>
public sealed class AcmeAccountClients(SecretProtector protector)
{
    private readonly ConcurrentDictionary<string, HttpClient> _http = new();

    public HttpClient HttpFor(string? trustedRootsPem) =>
        _http.GetOrAdd(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(trustedRootsPem ?? ""))),
            _ => AcmeClient.CreateHttpClient(trustedRootsPem, TimeSpan.FromSeconds(60)));

    public AcmeClient Open(AcmeRegistration account) => new(HttpFor(account.TrustedRootsPem), new Uri(account.DirectoryUrl),
        AcmeAccountKey.FromPkcs8(Convert.FromBase64String(protector.Unprotect(account.SealedAccountKey))), new Uri(account.AccountUrl));

    /// <summary>
    /// A client for what the CA serves to anyone (its directory): no stored key is unsealed, so reading profiles works
    /// even when the account's key cannot be read.
    /// </summary>
    public AcmeClient OpenAnonymous(AcmeRegistration account) =>
        new(HttpFor(account.TrustedRootsPem), new Uri(account.DirectoryUrl), AcmeAccountKey.CreateEs256(), null);

    public string SealKey(AcmeAccountKey key) => protector.Protect(Convert.ToBase64String(key.ExportPkcs8()));
}
