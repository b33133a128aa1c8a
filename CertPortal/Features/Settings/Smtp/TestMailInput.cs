namespace CertPortal.Features.Settings.Smtp;

/// <summary>Where "Send test mail" sends to.</summary>
public sealed record TestMailInput(string? To);
