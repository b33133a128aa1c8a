using System.Text.Json;
using CertPortal.Features.Audit;
using CertPortal.Security;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>
/// Runs one ACME request: every answer carries a fresh Replay-Nonce, the directory link and no-store (RFC 8555
/// §6.5, §7.1); a refusal becomes application/problem+json and, unless it is the routine badNonce, an audit entry.
/// </summary>
public sealed class AcmeResponder(AcmeNonces nonces, AuditLog audit, ILogger<AcmeResponder> logger)
{
    public const string EntityType = "AcmeServer";

    public async Task RunAsync(HttpContext http, Guid caId, Func<AcmeServerUrls, Task<AcmeAnswer>> handle)
    {
        var urls = new AcmeServerUrls(http.Request, caId);
        var response = http.Response;
        using var _ = ActorAccessor.RunAs(ActorFor(caId) with { Ip = http.Connection.RemoteIpAddress?.ToString() });
        AcmeAnswer answer;
        try
        {
            answer = await handle(urls);
        }
        catch (AcmeRefusal refusal)
        {
            if (refusal.Kind != "badNonce")
            {
                logger.LogInformation("ACME request {Method} {Path} refused: {Type}", http.Request.Method, http.Request.Path.Value, refusal.Type);
                await audit.RecordAsync("acme-server.refused", EntityType, caId.ToString(),
                    $"Refused {http.Request.Method} {http.Request.Path}: {refusal.Kind}: {refusal.Message}", AuditOutcome.Failure, ct: CancellationToken.None);
            }
            answer = new AcmeAnswer(refusal.Status, refusal.Document, "application/problem+json", refusal.Location);
        }
        await WriteAsync(response, urls, answer, http.RequestAborted);
    }

    /// <summary>
    /// Who acts for an ACME client: every customer's scope, as a job has, because the account's EAB key already fixed
    /// the customer and the CA; a shared CA must be usable through its own ACME server.
    /// </summary>
    public static Actor ActorFor(Guid caId) => new($"acme:{caId}", ActorKind.Token, null, null);

    private async Task WriteAsync(HttpResponse response, AcmeServerUrls urls, AcmeAnswer answer, CancellationToken ct)
    {
        response.StatusCode = answer.Status;
        response.Headers["Replay-Nonce"] = await nonces.IssueAsync(ct);
        response.Headers.CacheControl = "no-store";
        response.Headers.Append("Link", $"<{urls.Directory}>;rel=\"index\"");
        foreach (var link in answer.Links ?? [])
            response.Headers.Append("Link", link);
        if (answer.Location is not null)
            response.Headers.Location = answer.Location;
        if (answer.RetryAfterSeconds is { } seconds)
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (answer.Body is null)
            return;
        response.ContentType = answer.ContentType;
        if (answer.Body is string text)
            await response.WriteAsync(text, ct);
        else
            await JsonSerializer.SerializeAsync(response.Body, answer.Body, answer.Body.GetType(), AcmeAnswer.Json, ct);
    }
}
