using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CertPortal.Data;

/// <summary>
/// The model's tables, each after every table it references, so that copying them in this order never inserts a
/// row before the row its foreign key points to. A row that points into its own table is ordered by EF itself.
/// </summary>
public static class TableOrder
{
    public static IReadOnlyList<IEntityType> Of(IModel model)
    {
        var pending = model.GetEntityTypes().Where(e => e.BaseType is null && !e.IsOwned() && e.GetTableName() is not null).ToList();
        var ordered = new List<IEntityType>();
        while (pending.Count > 0)
        {
            var ready = pending.Where(e => References(e).All(p => p == e || ordered.Contains(p))).OrderBy(e => e.GetTableName(), StringComparer.Ordinal).ToList();
            if (ready.Count == 0)
                throw new InvalidOperationException(
                    $"The tables {string.Join(", ", pending.Select(e => e.GetTableName()))} reference each other in a cycle; no copy order exists.");
            ordered.AddRange(ready);
            pending.RemoveAll(ready.Contains);
        }
        return ordered;
    }

    private static IEnumerable<IEntityType> References(IEntityType entity) =>
        entity.GetForeignKeys().Select(fk => fk.PrincipalEntityType.GetRootType()).Where(p => !p.IsOwned());
}
