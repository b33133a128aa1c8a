namespace CertPortal.Features.Users.SecondFactor;

/// <summary>What a person needs to add the portal to an authenticator app: the key to type, and the same as a QR code (SVG markup).</summary>
public sealed record AuthenticatorSetup(string SharedKey, string Uri, string QrSvg);
