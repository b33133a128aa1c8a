using CertPortal.Common;

namespace CertPortal.Api;

/// <summary>Turns a use case's <see cref="Result{T}"/> into the API's answer (RFC 9457 problem details on failure).</summary>
public static class ResultHttp
{
    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult> onOk) => result.Kind switch
    {
        ResultKind.Ok => onOk(result.Value!),
        ResultKind.Invalid => TypedResults.ValidationProblem(
            result.Errors.ToDictionary(), title: "The request has invalid fields.", detail: result.Message),
        ResultKind.NotFound => Problem(StatusCodes.Status404NotFound, "Not found.", result.Message),
        ResultKind.Conflict => Problem(StatusCodes.Status409Conflict, "The request conflicts with what is stored.", result.Message),
        ResultKind.Forbidden => Problem(StatusCodes.Status403Forbidden, "Forbidden.", result.Message),
        ResultKind.Upstream => Problem(StatusCodes.Status502BadGateway, "A service the portal depends on failed.", result.Message),
        _ => throw new InvalidOperationException($"Unknown result kind {result.Kind}."),
    };

    /// <summary>As <see cref="ToHttp{T}"/>, for an answer that is read only once the input is known good (a list in its parsed order).</summary>
    public static async Task<IResult> ToHttpAsync<T>(this Result<T> result, Func<T, Task<IResult>> onOk) =>
        result.IsOk ? await onOk(result.Value!) : result.ToHttp(_ => TypedResults.Ok());

    public static IResult Problem(int status, string title, string? detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
