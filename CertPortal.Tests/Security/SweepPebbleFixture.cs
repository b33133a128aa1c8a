using System.Security.Cryptography;
using CertPortal.Tests.Acme;

namespace CertPortal.Tests.Security;

/// <summary>Pebble requiring External Account Binding with an HMAC key made for this run, so the sweep can look for it.</summary>
public sealed class SweepPebbleFixture : PebbleFixture
{
    public string HmacKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    protected override bool RequireEab => true;

    protected override string EabHmacKey => HmacKey;
}
