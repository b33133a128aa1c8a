namespace CertPortal.Security;

public enum ActorKind
{
    Anonymous,
    User,
    Token,
    Job,
    Cli,
}
