using System.Security.Cryptography;
using CertPortal.Ftp;

namespace CertPortal.Tests.Ftp;

public sealed class FtpClientTests(VsftpdFixture vsftpd) : IClassFixture<VsftpdFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Upload_stores_every_byte_unchanged_with_and_without_tls(bool tls)
    {
        // Every byte value, CR/LF pairs included: ASCII mode would rewrite them, binary (TYPE I) must not.
        var content = RandomNumberGenerator.GetBytes(200_000).Concat(Enumerable.Range(0, 256).Select(b => (byte)b)).Concat("\r\n\n\r"u8.ToArray()).ToArray();
        var name = $"upload-{(tls ? "tls" : "plain")}.bin";

        await using (var client = await FtpClient.ConnectAsync(vsftpd.Connection(tls), CancellationToken.None))
        {
            await client.UploadAsync(name, content, CancellationToken.None);
            Assert.Equal(content, await client.DownloadAsync(name, CancellationToken.None));
        }

        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(vsftpd.Root, name)));
    }

    [Fact]
    public async Task Delete_removes_an_uploaded_file()
    {
        await using var client = await FtpClient.ConnectAsync(vsftpd.Connection(tls: true), CancellationToken.None);
        await client.UploadAsync("to-delete.bin", new byte[] { 1, 2, 3 }, CancellationToken.None);

        await client.DeleteAsync("to-delete.bin", CancellationToken.None);

        Assert.False(File.Exists(Path.Combine(vsftpd.Root, "to-delete.bin")));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_the_servers_reply()
    {
        var error = await Assert.ThrowsAsync<FtpException>(() => FtpClient.ConnectAsync(vsftpd.Connection(tls: false, VsftpdFixture.RefusedPassword), CancellationToken.None));

        Assert.Equal(530, error.Reply?.Code);
        Assert.Contains("refused the login of 'anonymous'", error.Message);
        Assert.DoesNotContain(VsftpdFixture.RefusedPassword, error.Message);
    }

    [Fact]
    public async Task An_upload_to_a_folder_that_does_not_exist_is_refused_with_the_servers_reply()
    {
        await using var client = await FtpClient.ConnectAsync(vsftpd.Connection(tls: false), CancellationToken.None);

        var error = await Assert.ThrowsAsync<FtpException>(() => client.UploadAsync("no-such-folder/cert.pfx", new byte[] { 1 }, CancellationToken.None));

        Assert.Equal(553, error.Reply?.Code);
        Assert.Contains("STOR no-such-folder/cert.pfx", error.Message);
    }

    [Fact]
    public async Task A_server_certificate_that_is_not_trusted_stops_the_login()
    {
        var untrusted = vsftpd.Connection(tls: true) with { TrustServer = (_, _, _, _) => false };

        var error = await Assert.ThrowsAsync<FtpException>(() => FtpClient.ConnectAsync(untrusted, CancellationToken.None));

        Assert.Contains("TLS handshake on the control connection", error.Message);
    }

    [Fact]
    public async Task A_port_where_nothing_listens_fails_with_the_address()
    {
        var nowhere = vsftpd.Connection(tls: false) with { Port = Infrastructure.FreePort.Next() };

        var error = await Assert.ThrowsAsync<FtpException>(() => FtpClient.ConnectAsync(nowhere, CancellationToken.None));

        Assert.Contains($"127.0.0.1:{nowhere.Port}", error.Message);
    }
}
