namespace CertPortal.Acme;

/// <summary>The CA answered with a problem, or something a CA should never do. The message is fit for a person.</summary>
public sealed class AcmeException : Exception
{
    public AcmeException(AcmeProblem problem, TimeSpan? retryAfter = null) : base(problem.Explain())
    {
        Problem = problem;
        RetryAfter = retryAfter;
    }

    public AcmeException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    public AcmeProblem? Problem { get; }

    /// <summary>The CA's <c>Retry-After</c>, e.g. with <c>rateLimited</c>.</summary>
    public TimeSpan? RetryAfter { get; }
}
