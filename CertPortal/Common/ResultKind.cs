namespace CertPortal.Common;

public enum ResultKind
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
}
