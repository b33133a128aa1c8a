using System.Security.Cryptography.X509Certificates;
using CertPortal.Pki;

namespace CertPortal.Tests.Pki;

public sealed class OcspResponderTests : IDisposable
{
    private readonly TestCa _ca = new();
    private readonly X509Certificate2 _leaf;
    private OcspCertificateStatus _status = OcspCertificateStatus.Good;
    private int _lookups;

    public OcspResponderTests() => _leaf = _ca.IssueLeaf("leaf.pem");

    private OcspResponder Responder(X509Certificate2 signer, bool delegated) =>
        new(_ca.Intermediate, new OcspResponseWriter(signer, delegated), Lookup, TimeSpan.FromHours(4), TimeProvider.System);

    private ValueTask<OcspCertificateStatus> Lookup(string serialHex, CancellationToken ct)
    {
        Interlocked.Increment(ref _lookups);
        return ValueTask.FromResult(serialHex == _leaf.SerialNumber.ToLowerInvariant() ? _status : OcspCertificateStatus.Unknown);
    }

    private byte[] OpensslRequest(string issuer = "ca.pem", string cert = "leaf.pem", bool nonce = true)
    {
        OpenSsl.Ok(_ca.Folder.Path, ["ocsp", "-issuer", issuer, "-cert", cert, "-reqout", "req.der", .. nonce ? Array.Empty<string>() : ["-no_nonce"]]);
        return File.ReadAllBytes(_ca.PathOf("req.der"));
    }

    /// <summary>
    /// What openssl makes of <paramref name="reply"/>: once against req.der (the nonce check; openssl ignores -reqin
    /// when -cert is given, so no -cert here), once with -cert for its "leaf.pem: good" status line.
    /// </summary>
    private string OpensslReads(OcspReply reply, params string[] trust)
    {
        File.WriteAllBytes(_ca.PathOf("resp.der"), reply.Der);
        var againstRequest = OpenSsl.Ok(_ca.Folder.Path, ["ocsp", "-reqin", "req.der", "-respin", "resp.der", "-resp_text", .. trust]);
        var forCertificate = OpenSsl.Ok(_ca.Folder.Path, ["ocsp", "-respin", "resp.der", "-issuer", "ca.pem", "-cert", "leaf.pem", "-no_nonce", .. trust]);
        Assert.DoesNotContain("Nonce Verify error", againstRequest);
        return againstRequest + forCertificate;
    }

    [Fact]
    public void The_reader_parses_an_openssl_request_with_its_cert_id_and_nonce()
    {
        var request = OcspRequestReader.Read(OpensslRequest())!;

        var certId = Assert.Single(request.CertIds);
        Assert.Equal(_leaf.SerialNumber.ToLowerInvariant(), certId.SerialHex);
        Assert.Equal("1.3.14.3.2.26", certId.HashAlgorithmOid);
        Assert.Equal(20, certId.IssuerKeyHash.Length);
        Assert.NotNull(request.Nonce);
    }

    [Fact]
    public async Task A_ca_signed_answer_says_good_then_revoked_with_reason_and_echoes_the_nonce()
    {
        var responder = Responder(_ca.Intermediate, delegated: false);

        var good = OpensslReads(await responder.RespondAsync(OpensslRequest()), "-CAfile", "root.pem", "-verify_other", "ca.pem");
        _status = OcspCertificateStatus.Revoked(new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero), RevocationReason.KeyCompromise);
        var revoked = OpensslReads(await responder.RespondAsync(OpensslRequest()), "-CAfile", "root.pem", "-verify_other", "ca.pem");

        Assert.Contains("Response verify OK", good);
        Assert.Contains("leaf.pem: good", good);
        Assert.Contains("OCSP Nonce:", good);
        Assert.DoesNotContain("WARNING", good);
        Assert.Contains("This Update:", good);
        Assert.Contains("Next Update:", good);
        Assert.Contains("Response verify OK", revoked);
        Assert.Contains("leaf.pem: revoked", revoked);
        Assert.Contains("Reason: keyCompromise", revoked);
        Assert.Contains("Revocation Reason: keyCompromise (0x1)", revoked);
        Assert.Contains("Revocation Time: Feb  3 04:05:06 2026 GMT", revoked);
    }

    [Fact]
    public async Task A_delegated_signer_answers_unknown_for_a_serial_the_ca_never_issued()
    {
        using var key = PkiKeys.Create("ec256").Require();
        var signer = PkiKeys.Attach(_ca.Issuer.IssueOcspSigner(new PublicKey(key), TimeSpan.FromDays(7)), key);
        File.WriteAllText(_ca.PathOf("signer.pem"), signer.ExportCertificatePem());
        var responder = Responder(signer, delegated: true);
        _status = OcspCertificateStatus.Unknown;

        var viaVaFile = OpensslReads(await responder.RespondAsync(OpensslRequest()), "-VAfile", "signer.pem");
        var viaChain = OpensslReads(await responder.RespondAsync(OpensslRequest()), "-CAfile", "root.pem", "-verify_other", "ca.pem");

        Assert.Contains("Response verify OK", viaVaFile);
        Assert.Contains("leaf.pem: unknown", viaVaFile);
        Assert.Contains("OCSP Nonce:", viaVaFile);
        Assert.Contains("Responder Id: ", viaVaFile);
        Assert.Contains("Response verify OK", viaChain);
    }

    [Fact]
    public async Task Garbage_gets_malformed_request_and_never_throws()
    {
        var responder = Responder(_ca.Intermediate, delegated: false);

        var replies = new[]
        {
            await responder.RespondAsync(new byte[] { 0x30, 0x03, 0x02, 0x01 }),
            await responder.RespondAsync(new byte[] { 0xff, 0x00, 0x13 }),
            await responder.RespondAsync(Array.Empty<byte>()),
            await responder.RespondAsync(OpensslRequest().Concat(new byte[] { 0 }).ToArray()),
            await responder.RespondToGetAsync("%%%not-base64"),
            await responder.RespondToGetAsync(null),
        };
        File.WriteAllBytes(_ca.PathOf("bad.der"), replies[0].Der);
        var (_, text) = OpenSsl.Run(_ca.Folder.Path, "ocsp", "-respin", "bad.der", "-resp_text", "-noverify");

        Assert.All(replies, r => Assert.Equal(OcspResponseStatus.MalformedRequest, r.Status));
        Assert.Contains("malformedrequest (1)", text);
    }

    [Fact]
    public async Task A_certificate_of_another_issuer_gets_unauthorized()
    {
        var responder = Responder(_ca.Intermediate, delegated: false);

        var reply = await responder.RespondAsync(OpensslRequest(issuer: "root.pem", cert: "ca.pem"));
        File.WriteAllBytes(_ca.PathOf("resp.der"), reply.Der);

        Assert.Equal(OcspResponseStatus.Unauthorized, reply.Status);
        Assert.Contains("unauthorized (6)", OpenSsl.Run(_ca.Folder.Path, "ocsp", "-respin", "resp.der", "-resp_text", "-noverify").Output);
    }

    [Fact]
    public async Task A_get_request_in_the_url_is_answered_like_a_post()
    {
        var responder = Responder(_ca.Intermediate, delegated: false);
        var path = Uri.EscapeDataString(Convert.ToBase64String(OpensslRequest()));

        var reply = await responder.RespondToGetAsync(path);

        Assert.Contains("leaf.pem: good", OpensslReads(reply, "-CAfile", "root.pem", "-verify_other", "ca.pem"));
    }

    [Fact]
    public async Task Answers_without_a_nonce_are_cached_until_the_state_changes()
    {
        var responder = Responder(_ca.Intermediate, delegated: false);
        var request = OpensslRequest(nonce: false);

        var first = await responder.RespondAsync(request);
        var second = await responder.RespondAsync(request);
        _status = OcspCertificateStatus.Revoked(DateTimeOffset.UtcNow, RevocationReason.Superseded);
        var afterRevocation = await responder.RespondAsync(request);

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.Der, second.Der);
        Assert.False(afterRevocation.FromCache);
        var text = OpensslReads(afterRevocation, "-CAfile", "root.pem", "-verify_other", "ca.pem");
        Assert.Contains("leaf.pem: revoked", text);
        Assert.Contains("Reason: superseded", text);
        Assert.Equal(3, _lookups);
    }

    public void Dispose() => _ca.Dispose();
}
