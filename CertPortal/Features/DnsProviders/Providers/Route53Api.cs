using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using CertPortal.Common;

namespace CertPortal.Features.DnsProviders.Providers;

/// <summary>
/// Signed calls to the Route 53 REST API (2013-04-01) and its XML errors
/// (https://docs.aws.amazon.com/Route53/latest/APIReference/CommonErrors.html, API_ChangeResourceRecordSets.html).
/// </summary>
public sealed class Route53Api(HttpClient http, DnsProviderSettings settings, TimeProvider clock)
{
    public const string DefaultEndpointUrl = "https://route53.amazonaws.com";
    public static readonly XNamespace Ns = "https://route53.amazonaws.com/doc/2013-04-01/";
    private const string Vendor = "Route 53";
    private static readonly TimeSpan InSyncTimeout = TimeSpan.FromMinutes(3);

    private readonly string _baseUrl = (settings.Optional("endpointUrl") ?? DefaultEndpointUrl).TrimEnd('/') + "/2013-04-01/";
    private readonly AwsCredentialScope _scope = new(settings.Required("accessKeyId"), settings.Optional("region") ?? "us-east-1", "route53");
    private readonly string _secret = settings.Required("secretAccessKey");

    public async Task<XElement> SendAsync(HttpMethod method, string pathAndQuery, XElement? body, string what, CancellationToken ct)
    {
        var payload = body is null ? [] : Encoding.UTF8.GetBytes(body.ToString(SaveOptions.DisableFormatting));
        var response = await ThrottledSender.SendAsync(http, () =>
        {
            var request = new HttpRequestMessage(method, _baseUrl + pathAndQuery);
            if (body is not null)
                request.Content = new ByteArrayContent(payload) { Headers = { ContentType = new MediaTypeHeaderValue("text/xml") } };
            AwsSigV4Signer.Sign(request, payload, _scope, _secret, clock.GetUtcNow());
            return request;
        }, Vendor, clock, ct, IsThrottled);
        if (!response.IsSuccess)
            throw Failure(response, what);
        try
        {
            return DtdFreeXml.Parse(response.Body);
        }
        catch (XmlException e)
        {
            throw new DnsProviderException($"Route 53 answered {what} with something that is not its XML.", e);
        }
    }

    /// <summary>Polls GetChange until the change is INSYNC on every Route 53 name server, for a bounded time.</summary>
    public async Task WaitInSyncAsync(XElement changeAnswer, CancellationToken ct)
    {
        var (id, status) = (Value(changeAnswer, "Id") ?? "", Value(changeAnswer, "Status"));
        var started = clock.GetUtcNow();
        for (var wait = TimeSpan.FromSeconds(1); status != "INSYNC"; wait = TimeSpan.FromSeconds(Math.Min(wait.TotalSeconds * 2, 5)))
        {
            if (clock.GetUtcNow() - started > InSyncTimeout)
                throw new DnsProviderException($"Route 53 accepted change {id} but it was still {status} after {InSyncTimeout.TotalMinutes:F0} minutes.");
            await Task.Delay(wait, clock, ct);
            status = Value(await SendAsync(HttpMethod.Get, $"change/{id.Split('/').Last()}", null, "report on the change", ct), "Status");
        }
    }

    /// <summary>The first descendant element with this local name (Route 53's answers are all in one namespace).</summary>
    public static string? Value(XElement element, string name) => element.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    // 400 Throttling "Rate exceeded"; 400 PriorRequestNotComplete while an earlier change to the zone is applied.
    private static bool IsThrottled(VendorResponse response) =>
        response.Status == HttpStatusCode.TooManyRequests || ReadError(response.Body).Code is "Throttling" or "PriorRequestNotComplete";

    private DnsProviderException Failure(VendorResponse response, string what)
    {
        var (code, message) = ReadError(response.Body);
        return new DnsProviderException(code switch
        {
            "InvalidClientTokenId" => $"AWS does not know the access key ID {_scope.AccessKeyId} (InvalidClientTokenId).",
            "SignatureDoesNotMatch" => "AWS rejected the request signature (SignatureDoesNotMatch): the secret access key is wrong for this access key ID.",
            "IncompleteSignature" or "MissingAuthenticationToken" => $"AWS did not accept the request's signature ({code}: {message}).",
            "AccessDenied" => $"The IAM identity may not {what} (AccessDenied); it needs route53:ListHostedZonesByName, ListResourceRecordSets, ChangeResourceRecordSets and GetChange.",
            "NoSuchHostedZone" => $"Route 53 has no such hosted zone (NoSuchHostedZone: {message}).",
            "InvalidChangeBatch" => $"Route 53 refused to {what} (InvalidChangeBatch): {message}",
            "" => $"Route 53 could not {what}: HTTP {(int)response.Status}.",
            _ => $"Route 53 could not {what}: {code}: {message}",
        });
    }

    private static (string Code, string Message) ReadError(string body)
    {
        try
        {
            var root = DtdFreeXml.Parse(body);
            // A refused change batch has its own root element with one <Message> per problem.
            if (root.Name.LocalName == "InvalidChangeBatch")
                return ("InvalidChangeBatch", string.Join(" ", root.Descendants().Where(e => e.Name.LocalName == "Message").Select(e => e.Value)));
            return (Value(root, "Code") ?? "", Value(root, "Message") ?? "");
        }
        catch (XmlException)
        {
            return ("", "");
        }
    }
}
