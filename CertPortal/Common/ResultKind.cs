namespace CertPortal.Common;

public enum ResultKind
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
    Forbidden,

    /// <summary>A service the portal depends on (a CA, a DNS API) failed or could not be reached.</summary>
    Upstream,
}
