using System.Security.Cryptography.X509Certificates;
using CertPortal.Common;
using CertPortal.Pki;

namespace CertPortal.Features.ClientCerts;

/// <summary>
/// A checked request: what the certificate will say, decided by the portal (a CSR only contributes its public key
/// and, when the request names none, its names). Made by <see cref="Check"/>, which fills field errors instead.
/// </summary>
public sealed record ClientCertOrder(
    X500DistinguishedName Subject,
    string CommonName,
    string? Email,
    string? Organization,
    CertificateUsage Usage,
    SubjectAlternativeNames Names,
    int ValidityDays,
    string KeyType,
    CsrContent? Csr)
{
    public const int MaxValidityDays = 3650;
    public const int DefaultValidityDays = 365;
    public const string DefaultKeyType = "ec256";
    private const string CommonNameOid = "2.5.4.3";

    public LeafProfile Profile => new(Subject, Usage, Names, TimeSpan.FromDays(ValidityDays));

    /// <summary>The names as stored and shown, each with its kind: <c>dns:vpn.example.com</c>, <c>ip:10.0.0.1</c>...</summary>
    public List<string> NameList => ToList(Names);

    /// <summary>Checks every field at once, so a person sees all that is wrong; null when anything is.</summary>
    public static ClientCertOrder? Check(ClientCertInput input, Validation check)
    {
        CsrContent? csr = null;
        if (!string.IsNullOrWhiteSpace(input.CsrPem))
        {
            var read = CsrReader.Read(System.Text.Encoding.ASCII.GetBytes(input.CsrPem.Trim()));
            if (!read.IsOk)
                check.Add("csrPem", read.Error!);
            else if (read.Value!.RequestsCa)
                check.Add("csrPem", "The CSR asks for a CA certificate (basicConstraints CA:true); only end-entity certificates are issued here.");
            else
                csr = read.Value;
        }
        var commonName = string.IsNullOrWhiteSpace(input.CommonName) && csr is not null ? CommonNameOf(csr.Subject) : input.CommonName?.Trim();
        if (string.IsNullOrEmpty(commonName))
            check.Add("commonName", "Common name is required.");
        var email = NullIfBlank(input.Email);
        var organization = NullIfBlank(input.Organization);
        var subject = string.IsNullOrEmpty(commonName) ? null : SubjectOf(commonName, email, organization, check);

        var usage = CertificateUsage.Parse(string.IsNullOrWhiteSpace(input.Usage) ? CertificateUsage.Client.Name : input.Usage);
        if (!usage.IsOk)
            check.Add("usage", usage.Error!);
        var requested = input.SubjectAlternativeNames is { Count: > 0 } given ? given
            : csr is not null ? ToList(csr.RequestedNames) : [];
        // The email goes into the names too (RFC 5280 §4.2.1.6 puts addresses there); a bad one is reported once, as email.
        var names = SubjectAlternativeNames.Parse(email is null || !SubjectAlternativeNames.IsEmailAddress(email) ? requested : [.. requested, $"email:{email}"]);
        if (!names.IsOk)
            check.Add("subjectAlternativeNames", names.Error!);
        else if (names.Value!.DnsNames.Count + names.Value.IpAddresses.Count + names.Value.Emails.Count + names.Value.Uris.Count > 100)
            check.Add("subjectAlternativeNames", "At most 100 subject alternative names.");

        var keyType = csr?.Key.Type ?? (string.IsNullOrWhiteSpace(input.KeyType) ? DefaultKeyType : input.KeyType.Trim().ToLowerInvariant());
        if (!PkiKeys.Types.Contains(keyType))
            check.Add("keyType", $"Key type must be one of: {string.Join(", ", PkiKeys.Types)}.");
        var validity = input.ValidityDays ?? DefaultValidityDays;
        if (validity is < 1 or > MaxValidityDays)
            check.Add("validityDays", $"Validity must be 1 to {MaxValidityDays} days.");

        return check.IsValid
            ? new ClientCertOrder(subject!, commonName!, email, organization, usage.Value!, names.Value!, validity, keyType, csr)
            : null;
    }

    /// <summary>The same certificate again (renewal): subject, names, usage, key type and lifetime of <paramref name="old"/>.</summary>
    public static ClientCertOrder? Repeat(ClientCertificate old, Validation check) =>
        Check(new ClientCertInput(old.CaId, old.CommonName, old.Email, old.Organization, old.Usage,
            old.SubjectAlternativeNames, old.KeyType, old.ValidityDays), check);

    // Quoted values, so commas and quotes in a name are data (RFC 4514 §2.4); SubjectName applies the length limits.
    private static X500DistinguishedName? SubjectOf(string commonName, string? email, string? organization, Validation check)
    {
        var text = $"CN={Quote(commonName)}" + (email is null ? "" : $",E={Quote(email)}") + (organization is null ? "" : $",O={Quote(organization)}");
        var subject = SubjectName.Parse(text);
        if (subject.IsOk)
            return subject.Value;
        var field = subject.Error!.StartsWith("E ", StringComparison.Ordinal) ? "email" : subject.Error.StartsWith("O ", StringComparison.Ordinal) ? "organization" : "commonName";
        check.Add(field, subject.Error.Replace("CN ", "The common name ", StringComparison.Ordinal));
        return null;
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? CommonNameOf(X500DistinguishedName name) =>
        name.EnumerateRelativeDistinguishedNames().Where(r => !r.HasMultipleElements && r.GetSingleElementType().Value == CommonNameOid)
            .Select(r => r.GetSingleElementValue()).LastOrDefault();

    private static List<string> ToList(SubjectAlternativeNames names) =>
        [.. names.DnsNames.Select(n => $"dns:{n}"), .. names.IpAddresses.Select(n => $"ip:{n}"), .. names.Emails.Select(n => $"email:{n}"), .. names.Uris.Select(n => $"uri:{n.OriginalString}")];
}
