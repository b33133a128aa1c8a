using System.Net;
using CertPortal.Pki;

namespace CertPortal.Tests.Pki;

public sealed class SubjectAlternativeNamesTests
{
    [Fact]
    public void Names_are_read_by_prefix_or_by_their_shape()
    {
        var names = SubjectAlternativeNames.Parse(["WWW.Contoso.test", "*.apps.contoso.test", "10.0.0.1", "ip:fd00::1", "alice@contoso.test", "uri:urn:uuid:0f5c", "https://contoso.test/x"]).Require();

        Assert.Equal(["www.contoso.test", "*.apps.contoso.test"], names.DnsNames);
        Assert.Equal([IPAddress.Parse("10.0.0.1"), IPAddress.Parse("fd00::1")], names.IpAddresses);
        Assert.Equal(["alice@contoso.test"], names.Emails);
        Assert.Equal(["urn:uuid:0f5c", "https://contoso.test/x"], names.Uris.Select(u => u.OriginalString));
    }

    [Theory]
    [InlineData("bad_name.contoso.test", "'bad_name.contoso.test' is not a valid DNS name.")]
    [InlineData("ip:10.0.0.300", "'ip:10.0.0.300' is not a valid IP address.")]
    [InlineData("email:@contoso.test", "'email:@contoso.test' is not a valid email address.")]
    [InlineData("www.*.contoso.test", "'www.*.contoso.test' is not a valid DNS name.")]
    [InlineData("uri:relative/path", "'uri:relative/path' is not a valid absolute URI.")]
    public void A_broken_name_is_refused_with_its_kind(string entry, string error)
    {
        Assert.Equal(error, SubjectAlternativeNames.Parse([entry]).Error);
    }
}
