namespace CertPortal.Data;

/// <summary>
/// What a provider's or target's setting is, beyond text: the API checks its value, and an endpoint (where secrets
/// travel) that changes drops the stored secrets, so a changed address never receives the old ones.
/// </summary>
public enum SettingKind
{
    Text,

    /// <summary>A port from 1 to 65535 that secrets do not travel to (e.g. where verification looks).</summary>
    Port,

    /// <summary>A host secrets are sent to.</summary>
    EndpointHost,

    /// <summary>The port of such a host.</summary>
    EndpointPort,

    /// <summary>An API's URL: https, or http only on loopback.</summary>
    EndpointUrl,

    /// <summary>What the portal trusts the endpoint by (TLS trust, a pinned certificate or host key).</summary>
    EndpointTrust,
}
