using System.Globalization;
using System.Security.Cryptography;

namespace CertPortal.Pki;

/// <summary>
/// The values of RFC 5019 §6.2's HTTP caching headers for a successful answer without a nonce: ETag (a hash of the
/// answer), Last-Modified (thisUpdate), Expires (nextUpdate); max-age is what is left until nextUpdate when sent.
/// </summary>
public sealed record OcspCacheHeaders(string ETag, string LastModified, string Expires, DateTimeOffset NextUpdate)
{
    public static OcspCacheHeaders For(byte[] der, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate) =>
        new($"\"{Convert.ToHexStringLower(SHA1.HashData(der))}\"", thisUpdate.ToString("R", CultureInfo.InvariantCulture),
            nextUpdate.ToString("R", CultureInfo.InvariantCulture), nextUpdate);

    /// <summary>Cache-Control: may be kept until nextUpdate, by shared caches too, unchanged, and not past it.</summary>
    public string CacheControl(DateTimeOffset now) =>
        $"max-age={Math.Max(0, (long)(NextUpdate - now).TotalSeconds)}, public, no-transform, must-revalidate";
}
