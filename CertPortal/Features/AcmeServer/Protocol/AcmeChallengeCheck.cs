using System.Net;
using System.Security.Cryptography;
using System.Text;
using ARSoft.Tools.Net.Dns;
using CertPortal.Acme;
using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Features.DnsProviders.Propagation;
using Microsoft.Extensions.Options;

namespace CertPortal.Features.AcmeServer.Protocol;

/// <summary>
/// Proves control of a name (RFC 8555 §8.3, §8.4) by asking the portal's configured resolvers
/// (<c>CertPortal:Dns:Resolvers</c>): the name's address for http-01, then the key authorization from port
/// <see cref="AcmeServerOptions.HttpChallengePort"/>; the TXT record at <c>_acme-challenge</c> for dns-01.
/// A failure is an <see cref="AcmeRefusal"/> of the RFC's type (dns, connection, incorrectResponse).
/// </summary>
public sealed class AcmeChallengeCheck(BootstrapResolver resolver, IOptions<AcmeServerOptions> options)
{
    // No redirects followed and no proxy: the answer must come from the name's own address.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) });

    public async Task CheckAsync(string type, string name, string token, string keyAuthorization, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.ValidationTimeoutSeconds));
        try
        {
            if (type == AcmeChallengeTypes.Http01)
                await Http01Async(name, token, keyAuthorization, timeout.Token);
            else
                await Dns01Async(name, keyAuthorization, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new AcmeRefusal("connection", $"Checking {type} for {name} took longer than {options.Value.ValidationTimeoutSeconds} s.");
        }
        catch (DnsProviderException e)
        {
            throw new AcmeRefusal("dns", e.Message);
        }
    }

    private async Task Http01Async(string name, string token, string keyAuthorization, CancellationToken ct)
    {
        var answer = await resolver.AskAsync(name, RecordType.A, ct);
        var address = answer.AnswerRecords.OfType<ARecord>().Select(r => r.Address).FirstOrDefault()
            ?? throw new AcmeRefusal("dns", $"{name} has no A record at the portal's resolvers ({string.Join(", ", resolver.Servers)}).");
        var port = options.Value.HttpChallengePort;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{new IPEndPoint(address, port)}/.well-known/acme-challenge/{token}");
        request.Headers.Host = port == 80 ? name : $"{name}:{port}";
        string body;
        try
        {
            using var response = await Http.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new AcmeRefusal("incorrectResponse", $"http://{name}:{port}/.well-known/acme-challenge/{token} answered {(int)response.StatusCode}.", 403);
            body = (await response.Content.ReadAsStringAsync(ct)).Trim();
        }
        catch (HttpRequestException e)
        {
            throw new AcmeRefusal("connection", $"Could not fetch the http-01 answer from {address}:{port} for {name}: {e.Message}");
        }
        if (body != keyAuthorization)
            throw new AcmeRefusal("incorrectResponse", $"The http-01 answer for {name} is not the key authorization.", 403);
    }

    private async Task Dns01Async(string name, string keyAuthorization, CancellationToken ct)
    {
        var expected = Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(keyAuthorization)));
        var record = "_acme-challenge." + name;
        // A resolver can be a moment behind the client's update; three looks a second apart cover that.
        for (var attempt = 0; ; attempt++)
        {
            var answer = await resolver.AskAsync(record, RecordType.Txt, ct);
            if (answer.AnswerRecords.OfType<TxtRecord>().Any(t => t.TextData == expected))
                return;
            if (attempt == 2)
                throw new AcmeRefusal("incorrectResponse", $"No TXT record at {record} holds the expected value.", 403);
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }
}
