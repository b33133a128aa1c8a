namespace CertPortal.Common;

/// <summary>A column of a list's CSV export: its header as the list shows it, and the value of a row.</summary>
public sealed record CsvColumn<T>(string Header, Func<T, object?> Value);
