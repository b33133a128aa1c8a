using System.Text.Json;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>The account, order, authorization and challenge objects of RFC 8555 §7.1 as this server writes them.</summary>
public static class AcmeResourceViews
{
    public static object Account(AcmeServerAccount account, AcmeServerUrls urls) => new
    {
        status = account.Status,
        contact = account.Contact,
        orders = urls.Orders(account.Id),
    };

    /// <summary><paramref name="authorizations"/> decide "ready": a pending order whose names are all valid.</summary>
    public static object Order(AcmeServerOrder order, IReadOnlyList<AcmeServerAuthorization> authorizations, AcmeServerUrls urls) => new
    {
        status = StatusOf(order, authorizations),
        expires = Time(order.Expires),
        identifiers = order.Identifiers.Select(i => new { type = "dns", value = i }),
        profile = order.Profile,
        authorizations = authorizations.Select(a => urls.Authorization(a.Id)),
        finalize = urls.Finalize(order.Id),
        certificate = order.CertificateId is null ? null : urls.Certificate(order.Id),
        error = Problem(order.Error),
    };

    public static string StatusOf(AcmeServerOrder order, IReadOnlyList<AcmeServerAuthorization> authorizations) =>
        order.Status != AcmeStatus.Pending ? order.Status
        : authorizations.Any(a => a.Status is AcmeStatus.Invalid or AcmeStatus.Deactivated) ? AcmeStatus.Invalid
        : authorizations.All(a => a.Status == AcmeStatus.Valid) ? AcmeStatus.Ready
        : AcmeStatus.Pending;

    public static object Authorization(AcmeServerAuthorization authorization, AcmeServerUrls urls) => new
    {
        identifier = new { type = "dns", value = authorization.Identifier },
        status = authorization.Status,
        expires = Time(authorization.Expires),
        wildcard = authorization.Wildcard ? true : (bool?)null,
        challenges = AcmeChallengeTypes.For(authorization).Select(t => Challenge(authorization, t, urls)),
    };

    public static object Challenge(AcmeServerAuthorization authorization, string type, AcmeServerUrls urls) => new
    {
        type,
        url = urls.Challenge(authorization.Id, type),
        token = authorization.Token,
        status = authorization.ChallengeType == type ? authorization.Status : AcmeStatus.Pending,
        validated = authorization.ChallengeType == type && authorization.ValidatedAt is { } at ? Time(at) : null,
        error = authorization.ChallengeType == type ? Problem(authorization.Error) : null,
    };

    public static string Time(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonElement? Problem(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
