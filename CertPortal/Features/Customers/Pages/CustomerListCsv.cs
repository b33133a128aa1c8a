using CertPortal.Common;

namespace CertPortal.Features.Customers.Pages;

/// <summary>The customer list's columns as its CSV export writes them (all alert emails, the whole notes).</summary>
public static class CustomerListCsv
{
    public static readonly IReadOnlyList<CsvColumn<CustomerView>> Columns =
    [
        new("Name", c => c.Name),
        new("Alert emails", c => string.Join("; ", c.AlertEmails)),
        new("Notes", c => c.Notes),
        new("Updated", c => c.UpdatedAt),
    ];
}
