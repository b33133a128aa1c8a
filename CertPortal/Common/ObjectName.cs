namespace CertPortal.Common;

/// <summary>
/// An object's id and the name lists show for it, as a query another slice composes with its own: a list orders by a
/// column that names another slice's object (a certificate's customer, a binding's target) in one SQL statement,
/// without reading that slice's table itself. Settable properties, so the database can filter and order on them.
/// </summary>
public sealed class ObjectName
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";
}
