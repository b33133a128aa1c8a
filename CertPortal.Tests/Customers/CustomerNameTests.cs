using System.Net.Http.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.Customers;

/// <summary>A name is one line of text: control characters would forge log lines and break lists and CSV.</summary>
public sealed class CustomerNameTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("Acme\r\n[ERR] forged log line")]
    [InlineData("Acme\0")]
    [InlineData("Ac\tme")]
    public async Task A_name_with_control_characters_is_refused(string name)
    {
        var api = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var response = await api.PostAsJsonAsync("/api/v1/customers", new { name });
        Assert.Contains("control characters", (await ProblemAssert.IsInvalidFieldAsync(response, "name"))[0]);
    }
}
