using System.Diagnostics;
using System.Text;

namespace CertPortal.Tests.Infrastructure;

/// <summary>Everything a started process prints on stdout and stderr, kept for failure messages.</summary>
public sealed class CapturedOutput
{
    private readonly StringBuilder _lines = new();

    /// <summary>Starts reading both streams of <paramref name="process"/> (started with them redirected).</summary>
    public static CapturedOutput Of(Process process)
    {
        var output = new CapturedOutput();
        process.OutputDataReceived += (_, e) => output.Append(e.Data);
        process.ErrorDataReceived += (_, e) => output.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return output;
    }

    public override string ToString()
    {
        lock (_lines)
            return _lines.ToString();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_lines)
            _lines.AppendLine(line);
    }
}
