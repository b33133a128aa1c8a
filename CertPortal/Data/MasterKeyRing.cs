namespace CertPortal.Data;

/// <summary>The key that seals new values, plus keys that may still open older ones (during a rotation).</summary>
public sealed class MasterKeyRing
{
    private readonly List<MasterKey> _keys = [];

    private MasterKey? _current;

    /// <summary>Loaded at start by <see cref="DatabaseStartup"/>, before anything reads or writes a secret.</summary>
    public MasterKey Current => _current ?? throw new MasterKeyException("The master key has not been loaded yet.");

    public bool IsLoaded => _current is not null;

    public MasterKey? Find(string id) => _keys.FirstOrDefault(k => k.Id == id);

    /// <summary>Seals from now on with <paramref name="key"/>; earlier keys stay readable.</summary>
    public void Use(MasterKey key)
    {
        if (Find(key.Id) is null)
            _keys.Add(key);
        _current = key;
    }
}
