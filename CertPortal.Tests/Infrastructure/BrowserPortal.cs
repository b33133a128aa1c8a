
namespace CertPortal.Tests.Infrastructure;

/// <summary>The portal on a real Kestrel loopback port, for Chromium to browse.</summary>
public sealed class BrowserPortal : PortalFactory
{
    public BrowserPortal()
    {
        Port = FreePort.Next();
        UseKestrel(Port);
        StartServer();
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public override Uri ClientBaseAddress => new(BaseUrl);

}
