namespace CertPortal.Hosting;

/// <summary>A command of the portal's binary (<c>dotnet CertPortal.dll NAME --option value</c>). Slices register theirs.</summary>
public interface ICliCommand
{
    string Name { get; }

    /// <summary>One line: the options, e.g. <c>--email E --password P</c>.</summary>
    string Usage { get; }

    Task<int> RunAsync(CliArguments args, CancellationToken ct);
}
