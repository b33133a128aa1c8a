using Npgsql;

namespace CertPortal.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL (Debian's <c>postgresql</c> package) on a temp folder and a loopback port, one per test run,
/// started when a test first needs it. PostgreSQL refuses to run as root, so initdb and the server run as the
/// <c>postgres</c> user through setpriv, the server as the child of a watcher that stops it when the test host is
/// gone. Each portal gets a database of its own (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";

    // $1: the test host's pid; the rest: the server's command line. The server runs as the watcher's child.
    private const string Watcher =
        "parent=$1; shift; \"$@\" & server=$!; trap 'kill -QUIT $server; wait $server; exit 0' TERM INT; " +
        "while kill -0 \"$parent\" 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 1; done; kill -QUIT $server 2>/dev/null; wait $server";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? _shared;

    private readonly string _folder;
    private readonly PeerProcess _server;

    private PostgresServer(string folder, PeerProcess server, int port) => (_folder, _server, Port) = (folder, server, port);

    public int Port { get; }

    /// <summary>The server for this test run; stopped when the test process ends.</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is null)
            {
                _shared = await StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared.Dispose();
            }
            return _shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task<PostgresServer> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"certportal-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        await RunAsync("/usr/bin/chown", "postgres:postgres", folder);
        var data = Path.Combine(folder, "data");
        await RunAsync("/usr/bin/setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups",
            $"{Bin}/initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        var port = FreePort.Next();
        // Durability settings off: a test database that loses its last seconds in a crash loses nothing of value.
        // The test host is often ended without running exit handlers; a watcher beside the server stops it
        // (immediate shutdown) as soon as the test host is gone, so no server outlives its test run.
        var server = PeerProcess.Start("/bin/bash", [
            "-c", Watcher, "postgres-watcher", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "/usr/bin/setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", $"{Bin}/postgres", "-D", data,
            "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", folder, "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=1000",
            "-c", "shared_buffers=32MB",
        ]);
        var postgres = new PostgresServer(folder, server, port);
        await server.WaitUntilListeningAsync(port, seconds: 30);
        return postgres;
    }

    /// <summary>The connection string of a database of its own, new and empty.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"portal_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// Every portal of the run has a pool per database: small pools that let idle connections go within seconds keep
    /// the hundreds of portals a run starts under the server's connection limit.
    /// </summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Include Error Detail=true;" +
        "Maximum Pool Size=20;Connection Idle Lifetime=3;Connection Pruning Interval=1";

    private static async Task RunAsync(string program, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        if (!File.Exists(program) || !File.Exists($"{Bin}/postgres"))
            throw new InvalidOperationException("PostgreSQL is missing: install the postgresql package (CertPortal.Tests/run-tests.sh does).");
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed:\n{output}");
    }

    public void Dispose()
    {
        // SIGTERM to the watcher, whose trap shuts postgres down (immediate) and waits for it. The tree kill alone
        // stops each process before killing it, and when the test host ended mid-way (this runs at its exit) the
        // watcher and postgres were found left stopped, and running on, after the run.
        _server.Terminate(TimeSpan.FromSeconds(10));
        _server.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file the stopping server still held: the temp folder is cleaned by the system.
        }
    }
}
