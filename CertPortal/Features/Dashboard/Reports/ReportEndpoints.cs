using CertPortal.Api;
using CertPortal.Security;

namespace CertPortal.Features.Dashboard.Reports;

/// <summary>/api/v1/reports for tokens, and the same files under /reports for signed-in people (plain download links).</summary>
public static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("reports");

        group.MapGet("/inventory.csv", InventoryAsync).RequireAuthorization(ReportPermissions.View).WithName("InventoryCsv")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/compliance", async (Guid? customerId, ComplianceReport compliance, ActorAccessor actors, CancellationToken ct) =>
                (await compliance.BuildAsync(customerId, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(ReportPermissions.View).WithName("ComplianceReport");

        // The sign-in cookie's scheme (the default): a link on a page downloads it; no token in a browser.
        app.MapGet("/reports/inventory.csv", InventoryAsync).RequireAuthorization(ReportPermissions.View).ExcludeFromDescription();
    }

    private static async Task<IResult> InventoryAsync(Guid? customerId, InventoryCsv inventory, ActorAccessor actors, HttpContext http, CancellationToken ct) =>
        (await inventory.CustomersAsync(customerId, await actors.GetAsync(), ct)).ToHttp(customers =>
            TypedResults.Stream(body => inventory.WriteAsync(customers, body, http.RequestAborted), InventoryCsv.ContentType, inventory.FileName(customers, customerId)));
}
