namespace CertPortal.Acme;

/// <summary>An RFC 7807 problem document from the CA (RFC 8555 §6.7), with its subproblems.</summary>
public sealed record AcmeProblem(string Type, string? Detail, int? Status, IReadOnlyList<AcmeProblem>? Subproblems = null)
{
    public const string Namespace = "urn:ietf:params:acme:error:";

    /// <summary>The short error name, e.g. <c>badNonce</c>, <c>rateLimited</c>.</summary>
    public string Kind => Type.StartsWith(Namespace, StringComparison.Ordinal) ? Type[Namespace.Length..] : Type;

    /// <summary>What a technician should read: what the CA said and what it usually means.</summary>
    public string Explain()
    {
        var hint = Kind switch
        {
            "rateLimited" => "The CA's rate limit was hit; the portal waits and tries again later.",
            "rejectedIdentifier" => "The CA will not issue for this name (its policy or a reserved name).",
            "caa" => "A CAA record on the domain does not allow this CA to issue.",
            "unauthorized" => "The CA did not accept the validation: the challenge record was missing or wrong.",
            "dns" => "The CA could not resolve the domain or the challenge record.",
            "connection" => "The CA could not connect to validate the domain.",
            "badNonce" => "The CA refused the request's nonce again and again.",
            "externalAccountRequired" => "This CA requires External Account Binding (EAB key id and HMAC key).",
            "malformed" => "The CA found the request malformed.",
            "accountDoesNotExist" => "The CA does not know this account.",
            "badCSR" => "The CA refused the certificate signing request.",
            "invalidProfile" => "The CA does not accept the certificate's profile; choose one it offers or its default.",
            _ => null,
        };
        var sub = Subproblems is { Count: > 0 }
            ? " " + string.Join(" ", Subproblems.Select(p => $"[{p.Kind}: {p.Detail}]"))
            : "";
        return $"{Detail ?? Kind}{sub}{(hint is null ? "" : " — " + hint)}";
    }
}
