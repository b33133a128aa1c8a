namespace CertPortal.Data;

/// <summary>Section <c>CertPortal</c>: where the portal keeps its files.</summary>
public sealed class DataOptions
{
    public const string Section = "CertPortal";

    /// <summary>Folder for the SQLite database, master key, Data Protection keys and logs. Default <c>./data</c>.</summary>
    public string DataPath { get; set; } = "data";
}
