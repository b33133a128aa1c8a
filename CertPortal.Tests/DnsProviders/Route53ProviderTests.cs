using CertPortal.Features.DnsProviders.Providers;
using CertPortal.Tests.DnsProviders.Simulators;

namespace CertPortal.Tests.DnsProviders;

public sealed class Route53ProviderTests(BindFixture bind) : IClassFixture<BindFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public void The_signer_reproduces_the_signature_of_the_aws_documented_example()
    {
        // "Examples of the complete Signature Version 4 signing process" (IAM ListUsers), AWS General Reference.
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8", ["Host"] = "iam.amazonaws.com", ["X-Amz-Date"] = "20150830T123600Z",
        };
        var authorization = AwsSigV4Signer.Authorization("GET", new Uri("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08"), headers, [],
            new AwsCredentialScope("AKIDEXAMPLE", "us-east-1", "iam"), "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830T123600Z");

        Assert.Equal("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, " +
                     "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", authorization);
    }

    [Fact]
    public async Task The_public_zone_is_chosen_over_its_private_twin_and_a_given_hosted_zone_id_is_used_as_is()
    {
        await using var route53 = await Route53Simulator.StartAsync(bind);
        var provider = route53.CreateProvider();
        var name = $"_acme-challenge.twin.{BindFixture.Zone}";

        await provider.CreateTxtAsync(Settings(route53), name, "public", None);
        Assert.Equal(["public"], await bind.TxtAsync(name));
        Assert.Empty(route53.Dns.Records(route53.Dns.Zones.Single(z => z.Private), name));

        var delegation = route53.Dns.Zones.Single(z => z.Name == BindFixture.DelegationZone);
        var byId = new DnsProviderSettings(new Dictionary<string, string?>(route53.Settings()) { ["hostedZoneId"] = $"/hostedzone/{delegation.Id}" }, route53.Secrets());
        await provider.CreateTxtAsync(byId, $"by-id.{BindFixture.DelegationZone}", "given", None);
        Assert.Equal(["given"], await bind.TxtAsync($"by-id.{BindFixture.DelegationZone}"));
        await provider.DeleteTxtAsync(byId, $"by-id.{BindFixture.DelegationZone}", "given", None);
        await provider.DeleteTxtAsync(Settings(route53), name, "public", None);
        Assert.Empty(await bind.TxtAsync(name));
    }

    [Fact]
    public async Task An_unknown_access_key_and_a_missing_hosted_zone_are_named_in_the_message()
    {
        await using var route53 = await Route53Simulator.StartAsync(bind);
        var provider = route53.CreateProvider();
        var unknownKey = new DnsProviderSettings(new Dictionary<string, string?>(route53.Settings()) { ["accessKeyId"] = "AKIAUNKNOWN" }, route53.Secrets());
        var error = await Assert.ThrowsAsync<DnsProviderException>(() => provider.CreateTxtAsync(unknownKey, $"_acme-challenge.{BindFixture.Zone}", "x", None));
        Assert.Contains("AWS does not know the access key ID AKIAUNKNOWN (InvalidClientTokenId)", error.Message);

        var noZone = new DnsProviderSettings(new Dictionary<string, string?>(route53.Settings()) { ["hostedZoneId"] = "ZNOTHERE" }, route53.Secrets());
        error = await Assert.ThrowsAsync<DnsProviderException>(() => provider.CreateTxtAsync(noZone, $"_acme-challenge.{BindFixture.Zone}", "x", None));
        Assert.Contains("Route 53 has no such hosted zone (NoSuchHostedZone: No hosted zone found with ID: ZNOTHERE)", error.Message);
    }

    private static DnsProviderSettings Settings(Route53Simulator route53) => new(route53.Settings(), route53.Secrets());
}
