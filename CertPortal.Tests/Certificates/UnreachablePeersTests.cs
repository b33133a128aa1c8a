using System.Net;
using System.Net.Sockets;
using CertPortal.Acme;
using CertPortal.Features.Certificates;
using CertPortal.Features.Certificates.Issuance;
using CertPortal.Features.DnsProviders.Providers;

namespace CertPortal.Tests.Certificates;

/// <summary>A peer that did not answer (refused, timed out, 5xx) is told apart from one that answered no.</summary>
public sealed class UnreachablePeersTests
{
    private static readonly Certificate Certificate = new() { AcmeAccountId = Guid.NewGuid(), DnsProviderId = Guid.NewGuid() };

    public static TheoryData<string, Exception, string?> Failures => new()
    {
        { "directory refused", new AcmeException("Could not reach the ACME directory", new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused))), UnreachablePeer.AcmeAccount },
        { "directory 503", new AcmeException("The directory answered 503", new HttpRequestException(null, null, HttpStatusCode.ServiceUnavailable)), UnreachablePeer.AcmeAccount },
        { "CA timeout", new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"), UnreachablePeer.AcmeAccount },
        { "CA 500 problem", new AcmeException(new AcmeProblem("urn:ietf:params:acme:error:serverInternal", "boom", 500)), UnreachablePeer.AcmeAccount },
        { "DNS API refused", new DnsProviderException("Could not reach PowerDNS", new HttpRequestException(HttpRequestError.ConnectionError, "refused")), UnreachablePeer.DnsProvider },
        { "name server silent", new DnsProviderException("did not answer within 10 s", new TimeoutException()), UnreachablePeer.DnsProvider },
        { "CA rate limit", new AcmeException(new AcmeProblem("urn:ietf:params:acme:error:rateLimited", "too many", 429)), null },
        { "CA refuses the name", new AcmeException(new AcmeProblem("urn:ietf:params:acme:error:rejectedIdentifier", "no", 400)), null },
        { "wrong TSIG secret", new DnsProviderException("BADSIG — the TSIG secret is wrong."), null },
        { "untrusted CA certificate", new AcmeException("TLS", new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established")), null },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Only_a_peer_that_did_not_answer_is_unreachable(string _, Exception failure, string? expected)
    {
        var peer = UnreachablePeers.Find(failure, Certificate);
        Assert.Equal(expected, peer?.Type);
        if (peer is not null)
            Assert.Equal(expected == UnreachablePeer.DnsProvider ? Certificate.DnsProviderId : Certificate.AcmeAccountId, peer.Id);
    }
}
