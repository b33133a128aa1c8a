using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using CertPortal.Acme;

namespace CertPortal.Tests.AcmeServer;

/// <summary>
/// A small ACME client for what Debian's lego and certbot cannot do (profiles, a replayed nonce, a wrong url
/// header, key rollover): signs with the portal's own JWS code, sends raw requests and returns raw answers.
/// </summary>
internal sealed class AcmeTestClient(AcmeServerFixture acme, IJwsSigningKey? accountKey = null) : IDisposable
{
    private readonly HttpClient _http = new();
    private JsonElement _directory;

    public IJwsSigningKey Key { get; private set; } = accountKey ?? AcmeAccountKey.CreateEs256();

    public string? Kid { get; private set; }

    public string? LastNonce { get; private set; }

    public string Url(string resource) => _directory.GetProperty(resource).GetString()!;

    public async Task<JsonElement> DirectoryAsync() => _directory = await _http.GetFromJsonAsync<JsonElement>(acme.DirectoryUrl);

    public async Task<string> NonceAsync()
    {
        using var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, Url("newNonce")));
        return head.Headers.GetValues("Replay-Nonce").Single();
    }

    public async Task<HttpResponseMessage> PostAsync(string url, object? payload, string? nonce = null, string? signedUrl = null, bool useJwk = false, IJwsSigningKey? key = null)
    {
        var body = JsonWebSignature.Sign(key ?? Key, new Uri(signedUrl ?? url), nonce ?? LastNonce ?? await NonceAsync(), useJwk ? null : Kid, payload);
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/jose+json");
        var response = await _http.PostAsync(url, content);
        LastNonce = response.Headers.TryGetValues("Replay-Nonce", out var nonces) ? nonces.Single() : null;
        return response;
    }

    public async Task RegisterAsync() => await RegisterAsync(await acme.NewEabKeyAsync());

    public async Task RegisterAsync((string KeyId, string HmacKey) eab)
    {
        var response = await NewAccountAsync(eab);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Kid = response.Headers.Location!.AbsoluteUri;
    }

    /// <summary>newAccount with this EAB key id and HMAC key, or none.</summary>
    public async Task<HttpResponseMessage> NewAccountAsync((string KeyId, string HmacKey)? eab)
    {
        await DirectoryAsync();
        var binding = eab is { } key ? JsonWebSignature.ExternalAccountBinding(Key, key.KeyId, Base64Url.Decode(key.HmacKey), new Uri(Url("newAccount"))) : null;
        return await PostAsync(Url("newAccount"), new { termsOfServiceAgreed = true, externalAccountBinding = binding }, useJwk: true);
    }

    /// <summary>Orders <paramref name="domain"/> with <paramref name="profile"/>, proves it over dns-01 in BIND, finalizes and downloads.</summary>
    public async Task<(JsonElement Order, X509Certificate2 Certificate)> ObtainAsync(string domain, string? profile)
    {
        var created = await PostAsync(Url("newOrder"), new { identifiers = new[] { new { type = "dns", value = domain } }, profile });
        Assert.True(created.StatusCode == System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var orderUrl = created.Headers.Location!.AbsoluteUri;
        var order = await created.Content.ReadFromJsonAsync<JsonElement>();
        var authorization = await (await PostAsync(order.GetProperty("authorizations")[0].GetString()!, null)).Content.ReadFromJsonAsync<JsonElement>();
        var challenge = authorization.GetProperty("challenges").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "dns-01");
        var keyAuthorization = $"{challenge.GetProperty("token").GetString()}.{Key.Thumbprint()}";
        await acme.AddRecordAsync($"_acme-challenge.{domain}", "TXT", Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(keyAuthorization))));
        var answered = await (await PostAsync(challenge.GetProperty("url").GetString()!, new { })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answered.GetProperty("status").GetString() == "valid", answered.ToString());

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={domain}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(domain);
        request.CertificateExtensions.Add(names.Build());
        var finalized = await PostAsync(order.GetProperty("finalize").GetString()!, new { csr = Base64Url.Encode(request.CreateSigningRequest()) });
        Assert.True(finalized.IsSuccessStatusCode, await finalized.Content.ReadAsStringAsync());
        order = await (await PostAsync(orderUrl, null)).Content.ReadFromJsonAsync<JsonElement>();
        var chain = await PostAsync(order.GetProperty("certificate").GetString()!, null);
        Assert.Equal("application/pem-certificate-chain", chain.Content.Headers.ContentType!.MediaType);
        return (order, X509Certificate2.CreateFromPem(await chain.Content.ReadAsStringAsync()));
    }

    /// <summary>Rolls the account over to a new key (RFC 8555 §7.3.5) and signs with it from then on.</summary>
    public async Task<HttpResponseMessage> ChangeKeyAsync()
    {
        var next = AcmeAccountKey.CreateEs256();
        var inner = JsonSerializer.Deserialize<JsonElement>(JsonWebSignature.Sign(next, new Uri(Url("keyChange")), null, null, new { account = Kid, oldKey = Key.Jwk() }));
        var response = await PostAsync(Url("keyChange"), inner);
        if (response.IsSuccessStatusCode)
        {
            Key.Dispose();
            Key = next;
        }
        return response;
    }

    public void Dispose()
    {
        Key.Dispose();
        _http.Dispose();
    }
}
