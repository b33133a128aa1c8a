using System.Diagnostics;
using System.Security.Cryptography;
using CertPortal.Pki;
using Xunit.Abstractions;

namespace CertPortal.Tests.Pki;

/// <summary>
/// Issue 5's figure: a CRL with 100,000 revoked entries is built and signed in 2 s at most. Reports the time; the
/// CRL is also checked by openssl so a fast but broken CRL cannot pass.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class CrlBuilderBenchmark(ITestOutputHelper output)
{
    [Fact]
    public void A_crl_with_100000_entries_builds_within_2_seconds()
    {
        using var ca = new TestCa();
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        var revoked = Enumerable.Range(0, 100_000)
            .Select(_ => new RevokedCertificate(SerialNumber.ToHex(SerialNumber.NewRandom()), at, RevocationReason.All[RandomNumberGenerator.GetInt32(6)]))
            .ToList();
        var builder = new CrlBuilder(TimeProvider.System);
        builder.Build(ca.Intermediate, 1, TimeSpan.FromDays(1), revoked.Take(10)); // warm-up: JIT, key loading

        var clock = Stopwatch.StartNew();
        var crl = builder.Build(ca.Intermediate, 2, TimeSpan.FromDays(1), revoked).Require();
        clock.Stop();
        File.WriteAllBytes(ca.PathOf("crl.der"), crl.Der);
        var verified = OpenSsl.Ok(ca.Folder.Path, "crl", "-in", "crl.der", "-inform", "DER", "-CAfile", "chain.pem", "-verify", "-noout");

        output.WriteLine($"CRL with 100,000 entries: {clock.ElapsedMilliseconds} ms, {crl.Der.Length:N0} bytes");
        Assert.Contains("verify OK", verified);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Took {clock.ElapsedMilliseconds} ms.");
    }
}
