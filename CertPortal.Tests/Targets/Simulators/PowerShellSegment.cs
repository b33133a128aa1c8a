namespace CertPortal.Tests.Targets.Simulators;

/// <summary>
/// One cmdlet call of a pipeline, as the simulator reads it: the name, then named parameters whose values are literal
/// single-quoted strings, bare words (https, 443, name,id,state), a parenthesised sub-expression, or nothing (a switch).
/// Anything else (variables, expandable strings, positional arguments) is refused: the connector never sends it.
/// </summary>
public sealed record PowerShellSegment(string Cmdlet, IReadOnlyDictionary<string, string?> Parameters)
{
    public static PowerShellSegment Parse(string text)
    {
        var tokens = Tokens(text.Trim());
        if (tokens.Count == 0 || tokens[0].StartsWith('-'))
            throw new PowerShellFailure($"simulator: no cmdlet in '{text}'", unsupported: true);
        var parameters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < tokens.Count; i++)
        {
            if (!tokens[i].StartsWith('-'))
                throw new PowerShellFailure($"simulator: positional argument {tokens[i]} to {tokens[0]}", unsupported: true);
            var name = tokens[i][1..];
            if (name.Split(':', 2) is [var flag, var value])
                parameters[flag] = value;
            else if (i + 1 < tokens.Count && !tokens[i + 1].StartsWith('-'))
                parameters[name] = Value(tokens[++i]);
            else
                parameters[name] = null;
        }
        return new PowerShellSegment(tokens[0], parameters);
    }

    public string? this[string name] => Parameters.GetValueOrDefault(name);

    public bool Has(string name) => Parameters.ContainsKey(name);

    /// <summary>Refuses a parameter this cmdlet does not have, with PowerShell's own message.</summary>
    public void Allow(params string[] names)
    {
        if (Parameters.Keys.FirstOrDefault(k => !names.Contains(k, StringComparer.OrdinalIgnoreCase)) is { } unknown)
            throw new PowerShellFailure($"{Cmdlet} : A parameter cannot be found that matches parameter name '{unknown}'.", unsupported: true);
    }

    private static string Value(string token)
    {
        if (token.StartsWith('\''))
            return token[1..^1].Replace("''", "'");
        if (token.StartsWith('(') || token.All(c => char.IsAsciiLetterOrDigit(c) || c is ',' or '.' or '*'))
            return token;
        throw new PowerShellFailure($"simulator: unsupported argument {token}", unsupported: true);
    }

    /// <summary>The words of a command: quoted strings and parenthesised sub-expressions stay one word each.</summary>
    public static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            if (text[i] == '\'')
                i = AfterQuoted(text, i);
            else if (text[i] == '(')
            {
                for (var depth = 0; i < text.Length; i++)
                {
                    if (text[i] == '\'')
                        i = AfterQuoted(text, i) - 1;
                    else if (text[i] == '(')
                        depth++;
                    else if (text[i] == ')' && --depth == 0)
                        break;
                }
                i++;
            }
            else
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                    i++;
            tokens.Add(text[start..i]);
        }
        return tokens;
    }

    private static int AfterQuoted(string text, int open)
    {
        for (var i = open + 1; i < text.Length; i++)
            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                    i++;
                else
                    return i + 1;
            }
        throw new PowerShellFailure("The string is missing the terminator: '.", unsupported: true);
    }

    /// <summary>Splits a line at the pipes that are outside quotes and parentheses.</summary>
    public static IReadOnlyList<string> Pipeline(string line)
    {
        var parts = new List<string>();
        var (start, depth) = (0, 0);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\'')
                i = AfterQuoted(line, i) - 1;
            else if (line[i] == '(')
                depth++;
            else if (line[i] == ')')
                depth--;
            else if (line[i] == '|' && depth == 0)
            {
                parts.Add(line[start..i].Trim());
                start = i + 1;
            }
        }
        parts.Add(line[start..].Trim());
        return parts;
    }
}
