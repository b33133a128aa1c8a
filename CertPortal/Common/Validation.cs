using System.Net.Mail;

namespace CertPortal.Common;

/// <summary>Collects field errors for a use case's input; empty means valid.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validation Require(string field, string? value, string label, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            Add(field, $"{label} is required.");
        else if (value.Trim().Length > maxLength)
            Add(field, $"{label} must be at most {maxLength} characters.");
        // A name is one line: a NUL, tab or line break would forge log lines and break lists, CSV and headers.
        else if (value.Any(char.IsControl))
            Add(field, $"{label} must not contain control characters such as line breaks, tabs or NUL.");
        return this;
    }

    public Validation MaxLength(string field, string? value, string label, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
            Add(field, $"{label} must be at most {maxLength} characters.");
        return this;
    }

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public Result<T> ToResult<T>() => Result<T>.Invalid(Errors);

    public static bool IsEmailAddress(string value)
    {
        if (value.Length > 254 || value.Contains(' ') || !value.Contains('@'))
            return false;
        return MailAddress.TryCreate(value, out var parsed) && parsed.Address == value && parsed.Host.Contains('.');
    }
}
