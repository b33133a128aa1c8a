using CertPortal.Features.Certificates.Planning;

namespace CertPortal.Tests.Certificates.Planning;

/// <summary>The registered domain a CA counts a name under: two labels, three under a common two-level suffix.</summary>
public sealed class RegisteredDomainTests
{
    [Theory]
    [InlineData("www.contoso.com", "contoso.com")]
    [InlineData("*.Shop.Contoso.COM.", "contoso.com")]
    [InlineData("contoso.com", "contoso.com")]
    [InlineData("mail.fabrikam.co.uk", "fabrikam.co.uk")]
    [InlineData("a.b.northwind.com.au", "northwind.com.au")]
    [InlineData("host.example.test", "example.test")]
    [InlineData("192.0.2.10", "192.0.2.10")]
    public void Names_count_under_their_registered_domain(string name, string domain) => Assert.Equal(domain, RegisteredDomain.Of(name));
}
