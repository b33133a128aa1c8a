using System.Text.Json;

namespace CertPortal.Acme;

public sealed partial class AcmeClient
{
    /// <summary>
    /// Registers the key (or finds its existing account: newAccount answers 200 with the same URL, RFC 8555 §7.3.1),
    /// agreeing to the CA's terms; with <paramref name="eab"/> when the CA requires External Account Binding.
    /// </summary>
    public async Task<AcmeAccount> NewAccountAsync(IEnumerable<string> emails, (string KeyId, byte[] HmacKey)? eab = null, CancellationToken ct = default)
    {
        var directory = await GetDirectoryAsync(ct);
        var payload = new Dictionary<string, object>
        {
            ["termsOfServiceAgreed"] = true,
            ["contact"] = emails.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => "mailto:" + e.Trim()).ToArray(),
        };
        if (eab is { } binding)
            payload["externalAccountBinding"] = JsonWebSignature.ExternalAccountBinding(Key, binding.KeyId, binding.HmacKey, directory.NewAccount);
        else if (directory.Meta?.ExternalAccountRequired == true)
            throw new AcmeException(new AcmeProblem(AcmeProblem.Namespace + "externalAccountRequired", "This CA requires External Account Binding.", 400));
        var response = await PostAsync(directory.NewAccount, payload, ct, useJwk: true);
        AccountUrl = response.Location ?? throw new AcmeException("The CA created the account but gave no account URL.");
        return ToAccount(AccountUrl, response.Json);
    }

    public async Task<AcmeAccount> GetAccountAsync(CancellationToken ct = default)
    {
        var url = AccountUrl ?? throw new InvalidOperationException("No account yet.");
        return ToAccount(url, (await PostAsync(url, null, ct)).Json);
    }

    /// <summary>Replaces the account key (RFC 8555 §7.3.5): the inner JWS, signed by the new key, names the account and old key.</summary>
    public async Task RolloverKeyAsync(AcmeAccountKey newKey, CancellationToken ct = default)
    {
        var directory = await GetDirectoryAsync(ct);
        var keyChange = directory.KeyChange ?? throw new AcmeException("This CA does not support key rollover.");
        var account = AccountUrl ?? throw new InvalidOperationException("No account yet.");
        var inner = JsonSerializer.Deserialize<JsonElement>(JsonWebSignature.Sign(newKey, keyChange, nonce: null, kid: null,
            new { account = account.AbsoluteUri, oldKey = Key.Jwk() }));
        await PostAsync(keyChange, inner, ct);
        Key = newKey;
    }

    /// <summary>Deactivates the account (RFC 8555 §7.3.6); the CA then refuses it.</summary>
    public async Task DeactivateAccountAsync(CancellationToken ct = default) =>
        await PostAsync(AccountUrl ?? throw new InvalidOperationException("No account yet."), new { status = "deactivated" }, ct);

    private static AcmeAccount ToAccount(Uri url, JsonElement json) => new(url,
        json.TryGetProperty("status", out var s) ? s.GetString() ?? "valid" : "valid",
        json.TryGetProperty("contact", out var c) && c.ValueKind == JsonValueKind.Array ? c.EnumerateArray().Select(e => e.GetString()!).ToList() : null);
}
