namespace CertPortal.Data;

/// <summary>The master key is missing, malformed or does not fit the database. The message says what to do.</summary>
public sealed class MasterKeyException(string message) : Exception(message);
