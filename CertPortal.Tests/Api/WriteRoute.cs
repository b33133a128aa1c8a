namespace CertPortal.Tests.Api;

/// <summary>A write route as the endpoint data source declares it; <see cref="BodyType"/> is its JSON body's type, if any.</summary>
internal sealed record WriteRoute(string Method, string Pattern, Type? BodyType);
