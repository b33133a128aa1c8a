namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>CertPortal:AcmeServer settings.</summary>
public sealed class AcmeServerOptions
{
    public const string Section = "CertPortal:AcmeServer";

    /// <summary>The port http-01 answers are fetched from: 80 as RFC 8555 §8.3 says; another port only in a lab (as Pebble's httpPort).</summary>
    public int HttpChallengePort { get; set; } = 80;

    /// <summary>How long one challenge check may take before it counts as failed.</summary>
    public int ValidationTimeoutSeconds { get; set; } = 10;
}
