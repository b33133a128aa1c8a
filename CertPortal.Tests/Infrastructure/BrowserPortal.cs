
namespace CertPortal.Tests.Infrastructure;

/// <summary>The portal on a real Kestrel loopback port, for Chromium to browse.</summary>
public sealed class BrowserPortal : PortalFactory
{
    /// <summary>As a class fixture: xunit needs a constructor without parameters.</summary>
    public BrowserPortal() : this(null)
    {
    }

    /// <param name="settings">Settings the portal starts with (it starts here, so they cannot be added later).</param>
    /// <param name="services">Likewise, services a test adds (<see cref="PortalFactory.TestServices"/> would come too late).</param>
    internal BrowserPortal(IReadOnlyDictionary<string, string?>? settings, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            Settings[key] = value;
        if (services is not null)
            TestServices.Add(services);
        Port = FreePort.Next();
        UseKestrel(Port);
        StartServer();
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public override Uri ClientBaseAddress => new(BaseUrl);

}
