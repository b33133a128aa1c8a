using CertPortal.Features.Users.ApiTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Routing;

namespace CertPortal.Api;

/// <summary>
/// Answers /api requests no endpoint took, as problem details rather than the portal's HTML "not found" page. A
/// fallback is chosen whenever no endpoint fits the method or media type too, so it tells those apart: a path no API
/// route has is 404, a route that exists but not for this method is 405, one that exists but wants JSON is 415;
/// an anonymous caller of an existing /api/v1 route is 401 before either.
/// </summary>
public static class ApiFallback
{
    public static void MapApiFallback(this IEndpointRouteBuilder app) =>
        app.MapFallback("/api/{**rest}", async (HttpContext context, EndpointDataSource endpoints, LinkParser links) =>
        {
            var path = context.Request.Path;
            var methods = endpoints.Endpoints
                .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is { } name && links.ParsePathByEndpointName(name.EndpointName, path) is not null)
                .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (methods.Count == 0)
                return ResultHttp.Problem(StatusCodes.Status404NotFound, "Not found.", "There is no such API route.");
            // Who is calling comes first: an anonymous caller of a route that exists hears 401, not what is wrong with the request.
            if (path.StartsWithSegments("/api/v1") && !(await context.AuthenticateAsync(ApiTokenAuthentication.Scheme)).Succeeded)
                return Results.Challenge(authenticationSchemes: [ApiTokenAuthentication.Scheme]);
            if (!methods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
            {
                context.Response.Headers.Allow = string.Join(", ", methods);
                return ResultHttp.Problem(StatusCodes.Status405MethodNotAllowed, "Method not allowed.",
                    $"{path} does not take {context.Request.Method}; it takes {string.Join(", ", methods)}.");
            }
            return ResultHttp.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                $"Send the body as JSON with 'Content-Type: application/json', not '{context.Request.ContentType}'.");
        }).ExcludeFromDescription();
}
