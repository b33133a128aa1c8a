using CertPortal.Tests.DnsProviders;

namespace CertPortal.Tests.Notifications.Detection;

/// <summary>One BIND and one Pebble for every detection test that orders certificates.</summary>
[CollectionDefinition(Name)]
public sealed class DetectionPeers : ICollectionFixture<PebbleOnBindFixture>
{
    public const string Name = "Detection on Pebble";
}
