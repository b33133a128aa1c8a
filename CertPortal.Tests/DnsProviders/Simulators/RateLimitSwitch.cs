namespace CertPortal.Tests.DnsProviders.Simulators;

/// <summary>Makes a simulator answer "rate limited" to the next N requests, and counts how often it did.</summary>
public sealed class RateLimitSwitch
{
    private int _left;

    public int Answered { get; private set; }

    public void Next(int requests)
    {
        lock (this)
            _left = requests;
    }

    public bool Take()
    {
        lock (this)
        {
            if (_left == 0)
                return false;
            _left--;
            Answered++;
            return true;
        }
    }
}
