namespace CertPortal.Features.Customers;

/// <summary>A customer as the API and pages show it.</summary>
public sealed record CustomerView(Guid Id, string Name, string Notes, IReadOnlyList<string> AlertEmails, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static CustomerView From(Customer c) => new(c.Id, c.Name, c.Notes, c.AlertEmails, c.CreatedAt, c.UpdatedAt);
}

/// <summary>What a person sends to create or change a customer.</summary>
public sealed record CustomerInput(string? Name, string? Notes, List<string>? AlertEmails);

/// <summary>Just enough of a customer for other slices (names in lists, scope checks).</summary>
public sealed record CustomerRef(Guid Id, string Name);
