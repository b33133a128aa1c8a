namespace CertPortal.Features.DnsProviders.Providers;


/// <summary>Who signs and for what: the access key id, the region and the service (e.g. route53 in us-east-1).</summary>
public sealed record AwsCredentialScope(string AccessKeyId, string Region, string Service);
