using Quartz;

namespace CertPortal.Features.CertificateAuthorities.Revocation;

/// <summary>
/// Every 30 minutes: signs again every pre-signed OCSP answer past half its validity, so a cached answer always has
/// at least half its validity left (RFC 5019 §6: clients and proxies may keep it until nextUpdate).
/// </summary>
[DisallowConcurrentExecution]
public sealed class OcspPreSignRefreshJob(OcspPreSigner preSigner) : IJob
{
    public static readonly JobKey Key = new("ocsp-presign-refresh", "pki");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await RunOnceAsync(ct);

    /// <summary>Returns how many answers it signed.</summary>
    public Task<int> RunOnceAsync(CancellationToken ct) => preSigner.PreSignAllAsync(ct);
}
