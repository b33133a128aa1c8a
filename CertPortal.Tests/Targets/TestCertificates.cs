using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Features.Targets.Connectors;

namespace CertPortal.Tests.Targets;

/// <summary>Certificate versions to deploy: leaves issued by a small test CA, shaped as the portal hands them to connectors.</summary>
public static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> Ca = new(() =>
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=CertPortal Test Targets CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    });

    public static DeployableCertificate Version(string commonName, int version, Guid? id = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(commonName);
        request.CertificateExtensions.Add(san.Build());
        var serial = RandomNumberGenerator.GetBytes(12);
        using var leaf = request.Create(Ca.Value, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(90), serial);
        return new DeployableCertificate(id ?? Guid.Empty, version, commonName, [commonName], leaf.ExportCertificatePem() + "\n",
            Ca.Value.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem(), Convert.ToHexStringLower(SHA256.HashData(leaf.RawData)), leaf.NotAfter.ToUniversalTime());
    }

    /// <summary>A run as the deployment runner starts it, with the steps it logged.</summary>
    public static (ConnectorRun Run, List<string> Steps) Run(TargetSettings settings, DeployableCertificate certificate, DeployableCertificate? previous = null)
    {
        var steps = new List<string>();
        var run = new ConnectorRun(settings, new Dictionary<string, string?>(), certificate, previous, (name, message) =>
        {
            lock (steps)
                steps.Add($"{name}: {message}");
            return Task.CompletedTask;
        });
        return (run, steps);
    }
}
