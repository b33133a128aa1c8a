namespace CertPortal.Tests.Infrastructure;

public static class TestPasswords
{
    public const string Default = "correct horse battery staple";
    public const string Other = "another long passphrase 42";
}
