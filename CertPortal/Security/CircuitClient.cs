namespace CertPortal.Security;

/// <summary>
/// What the first HTTP request of a Blazor circuit knew about the browser (its IP), handed to the circuit through the
/// root component because an interactive circuit has no HttpContext to ask.
/// </summary>
public sealed class CircuitClient
{
    public bool IsCircuit { get; private set; }

    public string? Ip { get; private set; }

    public void Attach(string? ip)
    {
        IsCircuit = true;
        Ip = ip;
    }
}
