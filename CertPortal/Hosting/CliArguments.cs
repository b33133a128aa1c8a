namespace CertPortal.Hosting;

/// <summary><c>--name value</c> pairs after the command name.</summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public CliArguments(IEnumerable<string> args)
    {
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null)
                    _values[pending] = "true";
                pending = arg[2..];
            }
            else if (pending is not null)
            {
                _values[pending] = arg;
                pending = null;
            }
            else
            {
                throw new CliUsageException($"Unexpected argument '{arg}'.");
            }
        }
        if (pending is not null)
            _values[pending] = "true";
    }

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) =>
        _values.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new CliUsageException($"--{name} is required.");
}

public sealed class CliUsageException(string message) : Exception(message);
