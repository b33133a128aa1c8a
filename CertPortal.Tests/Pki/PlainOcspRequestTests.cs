using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Pki;
using CertPortal.Tests.Benchmarks;

namespace CertPortal.Tests.Pki;

/// <summary>The minimal reading of a request without a nonce (RFC 5019) that the pre-signed answers are looked up with.</summary>
public sealed class PlainOcspRequestTests
{
    private static readonly X509Certificate2 Issuer = SelfSigned();

    [Fact]
    public void A_plain_request_yields_exactly_the_cert_id_the_full_reader_finds()
    {
        var der = new OcspRequests(Issuer).For(SerialNumber.NewRandom(), nonce: false);

        Assert.True(PlainOcspRequest.TryFindCertId(der, out var certId));
        Assert.Equal(OcspRequestReader.Read(der)!.CertIds[0].Encoded, der[certId]);
    }

    [Fact]
    public void A_request_with_a_nonce_or_trailing_bytes_is_left_to_the_full_reader()
    {
        Assert.False(PlainOcspRequest.TryFindCertId(new OcspRequests(Issuer).For(SerialNumber.NewRandom(), nonce: true), out _));
        Assert.False(PlainOcspRequest.TryFindCertId([.. new OcspRequests(Issuer).For(SerialNumber.NewRandom(), nonce: false), 0x00], out _));
        Assert.False(PlainOcspRequest.TryFindCertId([0x30, 0x03, 0x02, 0x01], out _));
    }

    [Fact]
    public void A_get_whose_base64_ends_in_a_slash_is_read_whole_by_both_readers()
    {
        // About one request in a hundred ends in '/' (no padding, last digit 63): it must not be cut as a separator.
        var requests = new OcspRequests(Issuer);
        var der = Enumerable.Range(0, 10_000).Select(_ => requests.For(SerialNumber.NewRandom(), nonce: false)).First(r => Convert.ToBase64String(r).EndsWith('/'));
        var path = "/" + Uri.EscapeDataString(Convert.ToBase64String(der));

        Span<char> scratch = stackalloc char[path.Length + 3];
        Span<byte> decoded = stackalloc byte[path.Length];
        Assert.True(PlainOcspRequest.TryDecodeGetPath(path, scratch, decoded, out var written));
        Assert.Equal(der, decoded[..written].ToArray());
        Assert.NotNull(OcspRequestReader.ReadGetPath(path[1..]));
        Assert.NotNull(OcspRequestReader.ReadGetPath(Convert.ToBase64String(der).Replace('/', '_')));
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest("CN=Plain Request CA", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
    }
}
