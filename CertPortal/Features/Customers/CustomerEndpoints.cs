using CertPortal.Api;
using CertPortal.Common;
using CertPortal.Security;

namespace CertPortal.Features.Customers;

/// <summary>/api/v1/customers: thin — bind, authorize, call <see cref="CustomerService"/>, map the result.</summary>
public static class CustomerEndpoints
{
    public static void MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("customers");

        group.MapGet("", async (string? search, string? sort, string? order, int? page, int? pageSize, CustomerService customers, ActorAccessor actors, CancellationToken ct) =>
            {
                var sorting = ListSort.Parse(sort, order, CustomerSort.All, CustomerSort.Default);
                return sorting.IsOk
                    ? TypedResults.Ok(await customers.ListAsync(search, Paging.From(page, pageSize), await actors.GetAsync(), ct, sorting.Value))
                    : sorting.ToHttp(_ => TypedResults.Ok());
            })
            .RequireAuthorization(CustomerPermissions.View)
            .WithName("ListCustomers");

        group.MapGet("/{id:guid}", async (Guid id, CustomerService customers, ActorAccessor actors, CancellationToken ct) =>
                (await customers.GetAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(CustomerPermissions.View)
            .WithName("GetCustomer");

        group.MapPost("", async (CustomerInput input, CustomerService customers, CancellationToken ct) =>
                (await customers.CreateAsync(input, ct)).ToHttp(c => TypedResults.Created($"/api/v1/customers/{c.Id}", c)))
            .RequireAuthorization(CustomerPermissions.Manage)
            .WithName("CreateCustomer");

        group.MapPut("/{id:guid}", async (Guid id, CustomerInput input, CustomerService customers, ActorAccessor actors, CancellationToken ct) =>
                (await customers.UpdateAsync(id, input, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(CustomerPermissions.Edit)
            .WithName("UpdateCustomer");

        group.MapDelete("/{id:guid}", async (Guid id, CustomerService customers, ActorAccessor actors, CancellationToken ct) =>
                (await customers.DeleteAsync(id, await actors.GetAsync(), ct)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(CustomerPermissions.Manage)
            .WithName("DeleteCustomer");
    }
}
