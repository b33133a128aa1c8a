using System.Security.Cryptography;
using System.Text;

namespace CertPortal.Features.Users;

/// <summary>
/// The one-time token of the first-run link <c>/setup?token=...</c>. Lives only in memory: it is made at a start with
/// no users, dies when the first admin is created, and a restart makes a new one.
/// </summary>
public sealed class SetupToken
{
    private readonly Lock _gate = new();
    private byte[]? _hash;

    public bool IsActive
    {
        get { lock (_gate) return _hash is not null; }
    }

    public string Issue()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        lock (_gate)
            _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return token;
    }

    public bool Matches(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return false;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        lock (_gate)
            return _hash is not null && CryptographicOperations.FixedTimeEquals(hash, _hash);
    }

    /// <summary>Gives a consumed token back when creating the admin failed after all, so the printed link still works.</summary>
    public void Reinstate(string token)
    {
        lock (_gate)
            _hash ??= SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>Uses the token up: true for exactly one caller holding the right token.</summary>
    public bool TryConsume(string? token)
    {
        lock (_gate)
        {
            if (!Matches(token))
                return false;
            _hash = null;
            return true;
        }
    }
}
