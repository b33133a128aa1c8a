using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Features.Targets.Connectors;

namespace CertPortal.Tests.Targets;

/// <summary>A private CA made in the test and CRLs it signs, as a trust run hands them to a connector.</summary>
public sealed class TrustMaterials : IDisposable
{
    private readonly X509Certificate2 _ca;

    public TrustMaterials(string name) : this(name, null)
    {
    }

    private TrustMaterials(string name, X509Certificate2? issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name},O=Contoso", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var (notBefore, notAfter) = (DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        if (issuer is null)
            _ca = request.CreateSelfSigned(notBefore, notAfter);
        else
        {
            using var signed = request.Create(issuer, notBefore, notAfter.AddDays(-1), RandomNumberGenerator.GetBytes(8));
            _ca = signed.CopyWithPrivateKey(key);
        }
        Name = name;
    }

    /// <summary>An intermediate CA that this CA signed.</summary>
    public TrustMaterials Intermediate(string name) => new(name, _ca);

    /// <summary>The CA's SHA-1 thumbprint as Windows names it.</summary>
    public string Thumbprint => _ca.Thumbprint;

    public string Name { get; }

    public string Pem => _ca.ExportCertificatePem() + "\n";

    /// <summary>A CRL of this CA with <paramref name="number"/>, revoking <paramref name="revokedSerials"/> serials.</summary>
    public byte[] Crl(long number, int revokedSerials = 0)
    {
        var builder = new CertificateRevocationListBuilder();
        for (var i = 1; i <= revokedSerials; i++)
            builder.AddEntry(BitConverter.GetBytes(i), DateTimeOffset.UtcNow.AddMinutes(-5));
        return builder.Build(_ca, new BigInteger(number), DateTimeOffset.UtcNow.AddDays(1), HashAlgorithmName.SHA256);
    }

    /// <summary>What a trust run pushes: this CA with <paramref name="crl"/> (another CA's, to test a refusal).</summary>
    public TrustMaterial Material(byte[]? crl, long crlNumber, string? deviceName = null) =>
        new(deviceName ?? Name, Pem, _ca.RawData, Convert.ToHexStringLower(SHA256.HashData(_ca.RawData)), crl, crlNumber);

    /// <summary>A trust push of <paramref name="material"/> whose steps land in the returned list.</summary>
    public static (TrustPush Push, List<string> Steps) Push(TargetSettings settings, TrustMaterial material, Dictionary<string, string?>? options = null)
    {
        var steps = new List<string>();
        return (new TrustPush(settings, options ?? [], material, (name, message) =>
        {
            steps.Add($"{name}: {message}");
            return Task.CompletedTask;
        }), steps);
    }

    public void Dispose() => _ca.Dispose();
}
