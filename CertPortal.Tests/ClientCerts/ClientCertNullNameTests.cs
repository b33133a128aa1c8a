using System.Net.Http.Json;
using CertPortal.Tests.Infrastructure;

namespace CertPortal.Tests.ClientCerts;

/// <summary>A script's null among the subject alternative names is a 400 naming the field, not a 500.</summary>
public sealed class ClientCertNullNameTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_null_subject_alternative_name_is_refused_by_name()
    {
        var api = portal.ApiClient(await portal.CreateTokenAsync("admin"));
        var response = await api.PostAsJsonAsync("/api/v1/client-certs", new { caId = Guid.NewGuid(), commonName = "alice", subjectAlternativeNames = new[] { "alice.example.test", null } });
        Assert.Contains("null", (await ProblemAssert.IsInvalidFieldAsync(response, "subjectAlternativeNames"))[0]);
    }
}
