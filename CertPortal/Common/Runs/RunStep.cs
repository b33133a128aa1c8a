namespace CertPortal.Common.Runs;

/// <summary>
/// One step of an issuance or a deployment run (the README's API section: name, status, message, at): what, how it
/// ended (<see cref="Done"/>, <see cref="Failed"/> or <see cref="Waiting"/>), a message for the technician, and when.
/// </summary>
/// <remarks>Runs store their steps as a JSON column of these: the property names are the stored shape.</remarks>
public sealed record RunStep(string Name, string Status, string Message, DateTime At)
{
    public const string Done = "done";

    public const string Failed = "failed";

    public const string Waiting = "waiting";
}
