using System.Security.Claims;
using System.Text.Encodings.Web;
using CertPortal.Features.Audit;
using CertPortal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.Users.ApiTokens;

/// <summary>
/// Bearer tokens for /api. A missing or bad token answers 401, a role that may not answers 403, both as problem
/// details; a refused call by a valid token is recorded in the audit log.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    IProblemDetailsService problems,
    AuditLog audit) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
            return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("The Authorization header is not a bearer token.");

        var token = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (token is null)
            return AuthenticateResult.Fail("The API token is unknown or revoked.");

        List<Claim> claims =
        [
            new(ClaimTypes.Name, token.Name),
            new(ClaimTypes.Role, token.Role),
            new(PortalClaims.TokenId, token.Id.ToString()),
            new(PortalClaims.TokenOwner, token.CreatedBy),
        ];
        if (token.CustomerId is { } customerId)
            claims.Add(new Claim(PortalClaims.CustomerScope, customerId.ToString()));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Authentication required.",
            Detail = failure?.Message ?? "Send an API token as 'Authorization: Bearer <token>'.",
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await audit.RecordAsync("api.denied", "Route", $"{Request.Method} {Request.Path}",
            $"Refused {Request.Method} {Request.Path}: the token's role or customer scope does not allow it.", AuditOutcome.Denied);
        await WriteProblemAsync(new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Forbidden.",
            Detail = "This token's role or customer scope does not allow this request.",
        });
    }

    private Task WriteProblemAsync(ProblemDetails problem) =>
        problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = problem }).AsTask();
}
