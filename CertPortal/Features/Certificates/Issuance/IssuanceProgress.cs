namespace CertPortal.Features.Certificates.Issuance;

/// <summary>Tells open pages that a certificate's run moved on, so its step list updates live.</summary>
public sealed class IssuanceProgress
{
    public event Action<Guid>? Changed;

    public void Notify(Guid certificateId) => Changed?.Invoke(certificateId);
}
