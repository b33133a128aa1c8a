namespace CertPortal.Common;

/// <summary>One page of a list, as the API answers it: <c>{ items, total }</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total);
