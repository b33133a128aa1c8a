namespace CertPortal.Features.ClientCerts.Batch;

/// <summary>
/// What a batch did (the README's API section): the ids created and each refused line with its reason. <see cref="ZipBase64"/> holds
/// the new certificates as PFX files with <c>passwords.csv</c>; it and <see cref="Passwords"/> exist only in this
/// answer — the portal keeps neither, so it is shown once.
/// </summary>
public sealed record BatchResult(
    IReadOnlyList<Guid> Created,
    IReadOnlyList<BatchLineError> Errors,
    string? ZipFileName,
    string? ZipBase64,
    IReadOnlyList<BatchPassword> Passwords);
