using CertPortal.Data;

namespace CertPortal.Tests.Infrastructure;

/// <summary>
/// Two in-process portals on one new PostgreSQL database with the same master key, as two instances behind a proxy.
/// Neither has started: a test starts them (first use of <c>Services</c>) together or one by one.
/// </summary>
public sealed class PortalInstances : IDisposable
{
    private PortalInstances(string connectionString, string masterKey) =>
        (ConnectionString, First, Second) = (connectionString, Instance(connectionString, masterKey), Instance(connectionString, masterKey));

    public string ConnectionString { get; }

    public PortalFactory First { get; }

    public PortalFactory Second { get; }

    public static async Task<PortalInstances> CreateAsync() =>
        new(await (await PostgresServer.SharedAsync()).CreateDatabaseAsync(), MasterKey.Generate().ToBase64());

    private static PortalFactory Instance(string connectionString, string masterKey)
    {
        var portal = new PortalFactory { PostgresConnectionString = connectionString };
        portal.Settings["CERTPORTAL_MASTER_KEY"] = masterKey;
        return portal;
    }

    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
    }
}
