namespace CertPortal.Features.Notifications.Channels;

/// <summary>A field a channel type needs: a setting shown back, or a secret (write-only). The dialog is built from these.</summary>
public sealed record ChannelField(string Name, string Label, string Help, bool Secret = false, bool IsUrl = false);
