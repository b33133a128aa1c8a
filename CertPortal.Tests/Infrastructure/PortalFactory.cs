using System.Net.Http.Headers;
using CertPortal.Features.Users;
using CertPortal.Features.Users.ApiTokens;
using CertPortal.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Infrastructure;

/// <summary>
/// The whole portal in-process on a real SQLite file in a temp folder, with a clock the test moves. One per test
/// class (xunit class fixture) unless a test needs a fresh database of its own. In the PostgreSQL lane
/// (<see cref="TestDatabase.Lane"/>), or when a test sets <see cref="PostgresConnectionString"/>, it runs on a
/// database of its own in the test run's PostgreSQL instead.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder? _ownedData;

    /// <summary>A portal on a fresh, empty data folder, removed when the portal is disposed.</summary>
    public PortalFactory()
    {
        _ownedData = new TempFolder();
        DataPath = _ownedData.Path;
    }

    /// <summary>A portal on an existing data folder (a restart, or what the command line made); the caller owns it.</summary>
    // Internal: xunit creates class fixtures only from a type with a single public constructor.
    internal PortalFactory(string dataPath) => DataPath = dataPath;

    public TestClock Clock { get; } = new();

    public string DataPath { get; }

    /// <summary>Services a test adds before the portal starts (e.g. a listener for a slice's event).</summary>
    public List<Action<IServiceCollection>> TestServices { get; } = [];

    /// <summary>Extra settings, e.g. <c>CERTPORTAL_MASTER_KEY</c> or bootstrap admin.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>The PostgreSQL database this portal works on; null on SQLite.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Stays on SQLite in the PostgreSQL lane too: a test whose subject is the SQLite database itself.</summary>
    public bool AlwaysSqlite { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("CertPortal:DataPath", DataPath);
        if (!AlwaysSqlite)
            PostgresConnectionString ??= TestDatabase.PostgresFor(DataPath);
        if (PostgresConnectionString is not null)
        {
            builder.UseSetting("CertPortal:Database:Provider", "postgres");
            builder.UseSetting("ConnectionStrings:Default", PostgresConnectionString);
        }
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            foreach (var add in TestServices)
                add(services);
        });
    }

    /// <summary>Where clients send requests: the in-memory test server, or Kestrel's port for <see cref="BrowserPortal"/>.</summary>
    public virtual Uri ClientBaseAddress => new("http://localhost");

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        using var _ = ActorAccessor.RunAs(Actor.CommandLine("test"));
        return await work(scope.ServiceProvider);
    }

    public Task<UserView> CreateUserAsync(string email, string role, string password = TestPasswords.Default) =>
        InScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<UserService>().CreateAsync(email, password, role);
            return result.Value ?? throw new InvalidOperationException(result.Message);
        });

    public Task<string> CreateTokenAsync(string role, Guid? customerId = null, string? name = null) =>
        InScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<ApiTokenService>()
                .CreateAsync(new ApiTokenInput(name ?? $"{role}-{Guid.NewGuid():N}"[..20], role, customerId));
            return result.Value?.Token ?? throw new InvalidOperationException(result.Message);
        });

    public HttpClient ApiClient(string? token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientBaseAddress });
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _ownedData?.Dispose();
    }
}
