using System.Security.Cryptography;
using System.Text;

namespace CertPortal.Tests.Security;

/// <summary>
/// Distinct random values entered as secrets, each under a label, and the places they were looked for. A value is
/// found when its text or the base64 of its text occurs in what is searched.
/// </summary>
public sealed class SecretMarkers
{
    private readonly Dictionary<string, string> _values = [];
    private readonly Dictionary<string, byte[]> _bytes = [];
    private readonly List<string> _found = [];

    public IReadOnlyDictionary<string, string> Values => _values;

    public int PlacesSearched { get; private set; }

    public IReadOnlyList<string> Found => _found;

    /// <summary>A new random value for <paramref name="label"/>, e.g. "target ssh password".</summary>
    public string New(string label, string prefix = "") => Add(label, prefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant());

    /// <summary>Registers a value the test did not choose (a token the portal made, a key's PEM body).</summary>
    public string Add(string label, string value)
    {
        _values.Add(label, value);
        return value;
    }

    /// <summary>Registers raw bytes (a private key's scalar) to look for as they are, in binary files too.</summary>
    public void AddBytes(string label, byte[] value) => _bytes.Add(label, value);

    public int Count => _values.Count + _bytes.Count;

    public void Search(string place, string text) => Search(place, Encoding.UTF8.GetBytes(text));

    public void Search(string place, byte[] content)
    {
        PlacesSearched++;
        foreach (var (label, value) in _values)
            foreach (var form in Forms(value))
                if (content.AsSpan().IndexOf(Encoding.UTF8.GetBytes(form)) >= 0)
                    _found.Add($"{label} in {place}{(form == value ? "" : " (base64)")}");
        foreach (var (label, value) in _bytes)
            if (content.AsSpan().IndexOf(value) >= 0)
                _found.Add($"{label} in {place} (raw bytes)");
    }

    private static IEnumerable<string> Forms(string value)
    {
        yield return value;
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
    }
}
