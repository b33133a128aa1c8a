using Microsoft.Extensions.Options;

namespace CertPortal.Data.WorkQueue;

/// <summary>
/// The name this instance claims work under: host name and data folder, so the same instance restarted (even after
/// kill -9) knows its earlier claims are dead and takes them up at once instead of waiting for their leases.
/// Every instance has its own data folder (README.md, several instances).
/// </summary>
public sealed class QueueInstance(IOptions<DataOptions> data)
{
    public string Id { get; } = $"{Environment.MachineName}:{data.Value.DataPath}";
}
