using System.Security.Cryptography.X509Certificates;

namespace CertPortal.Pki;

/// <summary>
/// What a CA certificate (root or intermediate) says: its subject, how long it lives, how many CAs may follow it
/// (<see cref="PathLength"/>, none = unlimited) and optionally the DNS names it may issue for.
/// </summary>
public sealed record CaProfile(X500DistinguishedName Subject, TimeSpan Validity, int? PathLength = null, DnsNameConstraints? NameConstraints = null);
