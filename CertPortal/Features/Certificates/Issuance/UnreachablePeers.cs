using System.Net;
using System.Net.Sockets;
using CertPortal.Acme;
using CertPortal.Features.DnsProviders.Providers;

namespace CertPortal.Features.Certificates.Issuance;

/// <summary>
/// Tells "the CA or DNS provider did not answer" (connection refused, timeout, HTTP 5xx) from "it answered no" (a
/// wrong secret, a name outside the zone, a rate limit). Only the first is a provider being unreachable.
/// </summary>
public static class UnreachablePeers
{
    public static UnreachablePeer? Find(Exception failure, Certificate certificate)
    {
        if (!IsUnreachable(failure))
            return null;
        if (failure is DnsProviderException)
            return certificate.DnsProviderId is { } provider ? new UnreachablePeer(UnreachablePeer.DnsProvider, provider) : null;
        return certificate.AcmeAccountId is { } account ? new UnreachablePeer(UnreachablePeer.AcmeAccount, account) : null;
    }

    /// <summary>True when the failure, or what caused it, is a peer that did not answer or answered with a server error.</summary>
    public static bool IsUnreachable(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException or TimeoutException or TaskCanceledException:
                case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ResponseEnded }:
                case HttpRequestException { StatusCode: >= HttpStatusCode.InternalServerError }:
                case AcmeException { Problem.Status: >= 500 }:
                    return true;
            }
        }
        return false;
    }
}
