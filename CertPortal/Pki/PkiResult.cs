namespace CertPortal.Pki;

/// <summary>
/// A value, or the reason the input was refused in words a technician can act on. The Pki module has no portal
/// types, so callers turn <see cref="Error"/> into their own problem details.
/// </summary>
public sealed class PkiResult<T>
{
    private PkiResult(T? value, string? error) => (Value, Error) = (value, error);

    public T? Value { get; }

    public string? Error { get; }

    public bool IsOk => Error is null;

    public static PkiResult<T> Ok(T value) => new(value, null);

    public static PkiResult<T> Refused(string error) => new(default, error);

    /// <summary>The same refusal for another value type.</summary>
    public PkiResult<TOther> As<TOther>() => IsOk ? throw new InvalidOperationException("An ok result has a value to map.") : PkiResult<TOther>.Refused(Error!);

    /// <summary>The value, for callers that checked <see cref="IsOk"/> or whose input cannot be wrong (tests, fixed names).</summary>
    public T Require() => IsOk ? Value! : throw new InvalidOperationException(Error);
}
