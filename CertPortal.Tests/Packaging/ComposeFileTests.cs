using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPortal.Data;
using CertPortal.Hosting;
using CertPortal.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace CertPortal.Tests.Packaging;

/// <summary>
/// docker-compose.yml without a Docker engine (none on the machines that run these tests): the services, volumes,
/// health checks and settings it must have, parsed as YAML; and the nginx configuration it mounts, checked by the
/// real nginx (<c>nginx -t</c>) with the container host names pointed at loopback.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string[] Portals = ["portal1", "portal2"];

    private readonly YamlMappingNode _compose = Load();

    [Fact]
    public void It_runs_postgres_two_portals_a_proxy_and_an_ftp_server_with_named_volumes()
    {
        Assert.Equal(["ftp", "portal1", "portal2", "postgres", "proxy"], Keys(Services()).Order(StringComparer.Ordinal));
        Assert.Equal(["ftp-data", "portal1-data", "portal2-data", "postgres-data"], Keys(Map(_compose, "volumes")).Order(StringComparer.Ordinal));
        Assert.StartsWith("postgres:16", Text(Service("postgres"), "image"), StringComparison.Ordinal);
        Assert.Contains("postgres-data:/var/lib/postgresql/data", Items(Service("postgres"), "volumes"));
        Assert.Contains("ftp-data:/home/vsftpd", Items(Service("ftp"), "volumes"));
        foreach (var portal in Portals)
            Assert.Contains($"{portal}-data:/data", Items(Service(portal), "volumes"));
    }

    [Fact]
    public void Every_long_running_service_has_a_health_check_and_the_portals_wait_for_a_healthy_database()
    {
        Assert.Contains("pg_isready", HealthTest("postgres"), StringComparison.Ordinal);
        Assert.Contains("/api/v1/health", HealthTest("proxy"), StringComparison.Ordinal);
        foreach (var portal in Portals)
        {
            Assert.Contains("http://localhost:8080/api/v1/health", HealthTest(portal), StringComparison.Ordinal);
            Assert.Equal("service_healthy", Text(Map(Map(Service(portal), "depends_on"), "postgres"), "condition"));
            Assert.Equal("service_healthy", Text(Map(Map(Service("proxy"), "depends_on"), portal), "condition"));
        }
    }

    [Fact]
    public void Both_portals_are_built_here_and_share_the_database_and_the_master_key()
    {
        var settings = Portals.Select(p => Map(Service(p), "environment")).ToList();
        foreach (var (portal, environment) in Portals.Zip(settings))
        {
            var build = Map(Service(portal), "build");
            Assert.Equal(".", Text(build, "context"));
            Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, Text(build, "dockerfile"))));
            Assert.Equal(DatabaseOptions.Postgres, Text(environment, EnvironmentName(DatabaseOptions.Section + ":Provider")));
            Assert.StartsWith("Host=postgres;Port=5432;Database=certportal;", Text(environment, "ConnectionStrings__Default"), StringComparison.Ordinal);
            Assert.StartsWith($"${{{MasterKeyStore.EnvironmentVariable}:?", Text(environment, MasterKeyStore.EnvironmentVariable), StringComparison.Ordinal);
            // The portals believe forwarded headers from the proxy's fixed address only.
            Assert.Equal(ProxyAddress(), Text(environment, EnvironmentName(ReverseProxyOptions.Section + ":KnownProxies:0")));
        }
        Assert.Equal(Text(settings[0], "ConnectionStrings__Default"), Text(settings[1], "ConnectionStrings__Default"));
        Assert.Equal(Text(settings[0], MasterKeyStore.EnvironmentVariable), Text(settings[1], MasterKeyStore.EnvironmentVariable));
        Assert.Contains("${POSTGRES_PASSWORD:?", Text(settings[0], "ConnectionStrings__Default"), StringComparison.Ordinal);
        Assert.Equal("certportal", Text(Map(Service("postgres"), "environment"), "POSTGRES_DB"));
    }

    [Fact]
    public void The_proxy_serves_tls_on_443_with_the_mounted_nginx_configuration_and_certificate_folder()
    {
        var proxy = Service("proxy");
        Assert.StartsWith("nginx:", Text(proxy, "image"), StringComparison.Ordinal);
        Assert.Contains("443:443", Items(proxy, "ports"));
        Assert.Contains("./docs/compose/nginx.conf:/etc/nginx/nginx.conf:ro", Items(proxy, "volumes"));
        Assert.Contains(Items(proxy, "volumes"), v => v.EndsWith(":/etc/nginx/tls:ro", StringComparison.Ordinal));

        var config = File.ReadAllText(NginxConfigPath());
        Assert.Contains("listen 443 ssl;", config, StringComparison.Ordinal);
        Assert.Contains("ssl_certificate /etc/nginx/tls/fullchain.pem;", config, StringComparison.Ordinal);
        Assert.Contains("ssl_certificate_key /etc/nginx/tls/privkey.pem;", config, StringComparison.Ordinal);
        // Sticky: Blazor Server's circuit lives in one instance; and its WebSocket needs the upgrade passed on.
        Assert.Contains("hash $remote_addr consistent;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Upgrade $http_upgrade;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Connection $connection_upgrade;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header X-Forwarded-Proto $scheme;", config, StringComparison.Ordinal);
        foreach (var portal in Portals)
            Assert.Contains($"server {portal}:8080", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_ftp_server_is_in_the_sonicwall_profile()
    {
        foreach (var (name, service) in Services().Children.Select(c => (Name(c.Key), (YamlMappingNode)c.Value)))
        {
            if (name == "ftp")
                Assert.Equal(["sonicwall"], Items(service, "profiles"));
            else
                Assert.False(service.Children.ContainsKey("profiles"), $"{name} has profiles: it must start without one.");
        }
    }

    [Fact]
    public async Task The_real_nginx_accepts_the_configuration()
    {
        using var folder = new TempFolder("compose-nginx");
        WriteSelfSignedCertificate(folder.Path);
        var config = (await File.ReadAllTextAsync(NginxConfigPath()))
            .Replace("server portal1:8080", "server 127.0.0.1:18081", StringComparison.Ordinal)
            .Replace("server portal2:8080", "server 127.0.0.1:18082", StringComparison.Ordinal)
            .Replace("/etc/nginx/tls/", folder.Path + "/", StringComparison.Ordinal)
            .Replace("pid /tmp/nginx.pid;", $"pid {folder.Path}/nginx.pid;", StringComparison.Ordinal);
        var path = Path.Combine(folder.Path, "nginx.conf");
        await File.WriteAllTextAsync(path, config);

        var info = new ProcessStartInfo(NginxServer.Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-t", "-p", folder.Path, "-c", path })
            info.ArgumentList.Add(arg);
        using var nginx = Process.Start(info)!;
        var output = await nginx.StandardError.ReadToEndAsync() + await nginx.StandardOutput.ReadToEndAsync();
        await nginx.WaitForExitAsync();

        Assert.True(nginx.ExitCode == 0, output);
        Assert.Contains("syntax is ok", output, StringComparison.Ordinal);
    }

    private static void WriteSelfSignedCertificate(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "fullchain.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "privkey.pem"), key.ExportPkcs8PrivateKeyPem());
    }

    private static YamlMappingNode Load()
    {
        using var reader = new StreamReader(Path.Combine(RepositoryRoot.Path, "docker-compose.yml"));
        var yaml = new YamlStream();
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private string NginxConfigPath()
    {
        var mount = Items(Service("proxy"), "volumes").Single(v => v.Contains(":/etc/nginx/nginx.conf", StringComparison.Ordinal));
        return Path.Combine(RepositoryRoot.Path, mount.Split(':')[0]);
    }

    private string ProxyAddress() => Text(Map(Map(Service("proxy"), "networks"), "certportal"), "ipv4_address");

    private string HealthTest(string service) => string.Join(' ', Items(Service(service).Children["healthcheck"], "test"));

    private YamlMappingNode Services() => Map(_compose, "services");

    private YamlMappingNode Service(string name) => Map(Services(), name);

    // Configuration keys as environment variables: "CertPortal:Database:Provider" is CertPortal__Database__Provider.
    private static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[key];

    private static string Text(YamlNode node, string key) => Name(((YamlMappingNode)node).Children[key]);

    private static string Name(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    private static List<string> Items(YamlNode node, string key) => [.. ((YamlSequenceNode)((YamlMappingNode)node).Children[key]).Select(Name)];

    private static IEnumerable<string> Keys(YamlMappingNode node) => node.Children.Keys.Select(Name);
}
