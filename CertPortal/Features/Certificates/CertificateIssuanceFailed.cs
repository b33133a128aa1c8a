namespace CertPortal.Features.Certificates;

/// <summary>
/// Raised in-process when an order for a certificate (issue or renewal) ends failed. <see cref="WillRetry"/> says
/// whether the renewal job tries again by itself; <see cref="Unreachable"/> names the CA account or DNS provider when
/// the failure was that peer not answering (refused, timed out, 5xx), not a refusal of what was asked.
/// </summary>
public sealed record CertificateIssuanceFailed(
    Guid CertificateId,
    Guid CustomerId,
    string CommonName,
    bool IsRenewal,
    Guid RunId,
    string Reason,
    bool WillRetry,
    UnreachablePeer? Unreachable);

/// <summary>A peer an order depends on that did not answer: <c>acme-account</c> or <c>dns-provider</c>, and its id.</summary>
public sealed record UnreachablePeer(string Type, Guid Id)
{
    public const string AcmeAccount = "acme-account";
    public const string DnsProvider = "dns-provider";
}

/// <summary>Something that acts on a failed order (e.g. alerting). It must not throw into the run; the publisher guards it anyway.</summary>
public interface ICertificateIssuanceFailedListener
{
    Task OnFailedAsync(CertificateIssuanceFailed failed, CancellationToken ct);
}
