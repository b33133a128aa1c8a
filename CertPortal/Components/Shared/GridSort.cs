using CertPortal.Common;
using MudBlazor;

namespace CertPortal.Components.Shared;

/// <summary>
/// The order a person picked by clicking a column header, as the list's <see cref="ListSort"/>: a sortable column
/// carries in its <c>Tag</c> the field the list service sorts by in the database.
/// </summary>
public static class GridSort
{
    public static ListSort? Of<T>(MudDataGrid<T>? grid, GridState<T> state) =>
        state.SortDefinitions.FirstOrDefault() is { } picked
        && grid?.RenderedColumns.FirstOrDefault(c => c.PropertyName == picked.SortBy)?.Tag is string field
            ? new ListSort(field, picked.Descending)
            : null;
}
