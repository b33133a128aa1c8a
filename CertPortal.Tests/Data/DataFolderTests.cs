using System.Net;
using System.Text;
using CertPortal.Data;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Data;

/// <summary>What sits in the data folder: a database that reveals nothing alone, keys that survive a restart.</summary>
[Trait(TestDatabase.Trait, TestDatabase.Sqlite)]
public sealed class DataFolderTests
{
    [Fact]
    public async Task A_copy_of_the_database_holds_no_password_token_or_master_key_in_clear()
    {
        using var folder = new TempFolder();
        string token;
        await using (var portal = new PortalFactory(folder.Path))
        {
            await portal.CreateUserAsync("secretive@msp.test", Roles.Admin, "my very secret passphrase 99");
            token = await portal.CreateTokenAsync("admin", name: "copy-check");
            Assert.Equal(HttpStatusCode.OK, (await portal.ApiClient(token).GetAsync("/api/v1/customers")).StatusCode);
        }
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder.Path, "certportal.db")}"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();

        var copy = await File.ReadAllBytesAsync(Path.Combine(folder.Path, "certportal.db"));
        var masterKey = MasterKey.FromBase64(await File.ReadAllTextAsync(Path.Combine(folder.Path, "master.key")), "master.key");
        Assert.False(Contains(copy, Encoding.UTF8.GetBytes("my very secret passphrase 99")), "password in the database");
        Assert.False(Contains(copy, Encoding.UTF8.GetBytes(token)), "API token in the database");
        Assert.False(Contains(copy, Encoding.UTF8.GetBytes(masterKey.ToBase64())), "master key (base64) in the database");
        Assert.False(Contains(copy, masterKey.Bytes), "master key (raw) in the database");
        Assert.True(Contains(copy, Encoding.UTF8.GetBytes("secretive@msp.test")), "the scan reads the database");
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task The_master_key_file_is_readable_by_its_owner_only()
    {
        await using var portal = new PortalFactory();
        _ = portal.Services;
        var mode = File.GetUnixFileMode(Path.Combine(portal.DataPath, "master.key"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public async Task A_sign_in_survives_a_restart_and_the_cookie_keys_are_sealed()
    {
        using var folder = new TempFolder();
        var cookies = new CookieContainer();
        await using (var first = new PortalFactory(folder.Path))
        {
            await SignInAsync(first, cookies, "steady@msp.test");
            var keys = await StoredKeysAsync(first);
            Assert.NotEmpty(keys);
            Assert.All(keys, k => Assert.Contains("<sealedKey", k.Xml));
            Assert.All(keys, k => Assert.DoesNotContain("<masterKey", k.Xml));
        }

        await using var second = new PortalFactory(folder.Path);
        await AssertSignedInAsync(second, cookies);
    }

    [Fact]
    public async Task Cookie_keys_kept_as_files_by_an_earlier_version_move_into_the_database_and_sign_ins_survive_the_upgrade()
    {
        using var folder = new TempFolder();
        var cookies = new CookieContainer();
        await using (var earlier = new PortalFactory(folder.Path))
        {
            await SignInAsync(earlier, cookies, "upgrader@msp.test");
            // What an earlier version left: the (sealed) keys as files in {DataPath}/keys, none in the database.
            var keys = Directory.CreateDirectory(Path.Combine(folder.Path, "keys"));
            foreach (var key in await StoredKeysAsync(earlier))
                await File.WriteAllTextAsync(Path.Combine(keys.FullName, key.FriendlyName + ".xml"), key.Xml);
            await earlier.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DataProtectionKeys.ExecuteDeleteAsync());
        }

        await using var upgraded = new PortalFactory(folder.Path);
        await AssertSignedInAsync(upgraded, cookies);
        Assert.NotEmpty(await StoredKeysAsync(upgraded));
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "keys")), "the key files were read once and put aside");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder.Path, "keys.imported"), "*.xml"));
    }

    private static async Task SignInAsync(PortalFactory portal, CookieContainer cookies, string email)
    {
        await portal.CreateUserAsync(email, Roles.Technician);
        using var client = portal.CreateDefaultClient(new CookieHandler(cookies));
        await client.SignInAsync(email, TestPasswords.Default);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);
    }

    private static async Task AssertSignedInAsync(PortalFactory portal, CookieContainer cookies)
    {
        using var client = portal.CreateDefaultClient(new CookieHandler(cookies));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);
    }

    private static Task<List<(string FriendlyName, string Xml)>> StoredKeysAsync(PortalFactory portal) =>
        portal.InScopeAsync(async sp => (await sp.GetRequiredService<AppDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync())
            .Select(k => (k.FriendlyName!, k.Xml!)).ToList());

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>Keeps cookies across two test servers (a restart) and does not follow redirects.</summary>
    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var uri = request.RequestUri!;
            if (cookies.GetCookieHeader(uri) is { Length: > 0 } header)
                request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
                foreach (var cookie in setCookies)
                    cookies.SetCookies(uri, cookie);
            return response;
        }
    }
}
