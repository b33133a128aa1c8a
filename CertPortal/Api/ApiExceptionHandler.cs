using System.Text.Json;
using CertPortal.Features.Audit;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CertPortal.Api;

/// <summary>
/// Bad input never becomes a 500: unreadable JSON, wrong types, unknown enum values and oversized bodies answer
/// 400/413 problem details naming the field. Anything else is a bug: a bare 500 without internals.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // UseExceptionHandler("/Error") has already pointed Request.Path at "/Error"; the feature keeps the path asked for.
        var path = new PathString(context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value);
        if (!path.StartsWithSegments("/api"))
            return false;

        var problem = exception switch
        {
            BadHttpRequestException bad when FindJsonError(bad) is { } json => InvalidJson(json),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request body is too large.",
                Detail = "Send a smaller body; JSON requests are limited to 1 MB.",
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = bad.Message,
            },
            JsonException json => InvalidJson(json),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, path);
            problem = new ProblemDetails { Status = 500, Title = "An unexpected error occurred.", Detail = "The error was logged." };
        }
        else
        {
            // What the caller sent was wrong, not the portal: a Warning saying so, without a stack trace.
            logger.LogWarning("Refused bad request {Method} {Path}: {Status} {Reason}", context.Request.Method, path.Value, problem.Status, exception.GetType().Name);
            // Bad input a person (token) sent is recorded, without the body: it may hold a secret.
            await context.RequestServices.GetRequiredService<AuditLog>().RecordAsync("api.bad-request", "Route",
                $"{context.Request.Method} {path}", $"Refused: {problem.Title} {problem.Detail}", AuditOutcome.Failure, ct: ct);
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static JsonException? FindJsonError(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
            if (e is JsonException json)
                return json;
        return null;
    }

    private static ProblemDetails InvalidJson(JsonException json)
    {
        // Text that is not JSON at all (truncated, a stray character) fails in the reader, whose exception the
        // serializer wraps with the path it was reading; that is no fault of the property, so name the body.
        var notJson = json.InnerException is JsonException || string.IsNullOrEmpty(json.Path) || json.Path == "$";
        var field = notJson ? "body" : json.Path!.TrimStart('$', '.');
        var message = notJson
            ? "The body is not valid JSON."
            : "The value has the wrong type or is not one of the allowed values.";
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid JSON for this endpoint.",
            Detail = $"{field}: {message}",
        };
    }
}
