namespace CertPortal.Data;

/// <summary>A sealed secret could not be opened: wrong master key, or a damaged value. Never carries the secret.</summary>
public sealed class SecretUnreadableException(string message) : Exception(message);
