namespace CertPortal.Features.Targets.Connectors;

/// <summary>A device or host refused or failed a step. The message is for a technician and never holds a secret.</summary>
public sealed class TargetException(string message, Exception? inner = null) : Exception(message, inner);
