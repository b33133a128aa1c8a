namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>A DNS provider refused or failed a change. The message is for a technician and never holds a secret.</summary>
public sealed class DnsProviderException(string message, Exception? inner = null) : Exception(message, inner);
