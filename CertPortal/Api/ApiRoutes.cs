using CertPortal.Features.Users.ApiTokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CertPortal.Api;

public static class ApiRoutes
{
    public const int MaxJsonBodyBytes = 1024 * 1024;

    /// <summary>
    /// A group under <c>/api/v1/{prefix}</c> that only API tokens may call (cookies do not count, so no CSRF), with
    /// bodies limited to 1 MB. Slices add their endpoints to it with their own permission policies.
    /// </summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder app, string prefix) =>
        app.MapGroup($"/api/v1/{prefix}")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiTokenAuthentication.Scheme })
            .WithMetadata(new RequestSizeLimitAttribute(MaxJsonBodyBytes))
            .WithTags(prefix)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
