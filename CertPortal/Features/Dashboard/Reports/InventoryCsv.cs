using System.Text;
using CertPortal.Common;
using CertPortal.Features.Certificates;
using CertPortal.Features.Customers;
using CertPortal.Features.Deployments;
using CertPortal.Security;

namespace CertPortal.Features.Dashboard.Reports;

/// <summary>
/// The inventory CSV (the README's API section): one row per certificate with where it is deployed. Written customer by customer
/// straight to the response, so 10,000 certificates never sit in memory as one file.
/// </summary>
public sealed class InventoryCsv(ReportScope scope, ICertificateInventory certificates, IBoundTargetNames bindings, TimeProvider clock)
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>the README's API section's columns first, then the ones added after them.</summary>
    public static readonly string[] Columns = ["customer", "commonName", "names", "issuer", "notAfter", "daysLeft", "status", "targets", "keyType", "source", "autoRenew"];

    /// <summary>The customers the file covers, or not found for a customer the actor may not see.</summary>
    public Task<Result<IReadOnlyList<CustomerRef>>> CustomersAsync(Guid? customerId, Actor actor, CancellationToken ct) =>
        scope.CustomersAsync(customerId, actor, ct);

    public string FileName(IReadOnlyList<CustomerRef> customers, Guid? customerId) =>
        $"inventory-{(customerId is not null && customers.Count == 1 ? Slug(customers[0].Name) + "-" : "")}{clock.GetUtcNow():yyyy-MM-dd}.csv";

    public async Task WriteAsync(IReadOnlyList<CustomerRef> customers, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(CsvRecord.Of(Columns));
        foreach (var customer in customers)
        {
            var rows = await certificates.RowsAsync(customer.Id, ct);
            if (rows.Count == 0)
                continue;
            var targets = await bindings.TargetNamesAsync(customer.Id, ct);
            foreach (var row in rows)
                await writer.WriteAsync(new CsvRecord().Text(customer.Name).Text(row.CommonName).Text(string.Join("; ", row.Names)).Text(row.Issuer)
                    .Time(row.NotAfter).Number(row.DaysLeft).Text(row.Status).Text(string.Join("; ", targets.GetValueOrDefault(row.Id) ?? []))
                    .Text(row.KeyType).Text(row.Source).Boolean(row.AutoRenew).ToString());
            await writer.FlushAsync(ct);
        }
    }

    private static string Slug(string name)
    {
        var slug = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        return slug.Length == 0 ? "customer" : slug[..Math.Min(slug.Length, 40)].TrimEnd('-');
    }
}
