namespace CertPortal.Common;

/// <summary>
/// The outcome of a use case a person can get wrong. Pages show <see cref="Message"/> and <see cref="Errors"/>;
/// endpoints turn it into a status code and problem details (<see cref="CertPortal.Api.ResultHttp"/>).
/// </summary>
public sealed class Result<T>
{
    internal Result(ResultKind kind, T? value, string? message, IReadOnlyDictionary<string, string[]>? errors)
    {
        Kind = kind;
        Value = value;
        Message = message;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    public ResultKind Kind { get; }

    public T? Value { get; }

    public string? Message { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool IsOk => Kind == ResultKind.Ok;

    public static Result<T> Ok(T value) => new(ResultKind.Ok, value, null, null);

    public static Result<T> Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ResultKind.Invalid, default, string.Join(" ", errors.SelectMany(e => e.Value)), errors);

    public static Result<T> Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Result<T> NotFound(string message) => new(ResultKind.NotFound, default, message, null);

    public static Result<T> Conflict(string message) => new(ResultKind.Conflict, default, message, null);

    public static Result<T> Forbidden(string message) => new(ResultKind.Forbidden, default, message, null);

    public static Result<T> Upstream(string message) => new(ResultKind.Upstream, default, message, null);

    /// <summary>The same failure for another value type (a use case passing on what a step refused).</summary>
    public Result<TOther> As<TOther>() => IsOk ? throw new InvalidOperationException("An ok result has a value to map.") : new(Kind, default, Message, Errors);
}
