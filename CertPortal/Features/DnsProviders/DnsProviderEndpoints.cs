using CertPortal.Api;
using CertPortal.Common;
using CertPortal.Features.DnsProviders.Delegation;
using CertPortal.Features.DnsProviders.Manual;
using CertPortal.Security;

namespace CertPortal.Features.DnsProviders;

/// <summary>/api/v1/dns-providers: thin — bind, authorize, call <see cref="DnsProviderService"/>, map the result.</summary>
public static class DnsProviderEndpoints
{
    public static void MapDnsProviderEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("dns-providers");

        group.MapGet("", async (Guid? customerId, string? sort, string? order, int? page, int? pageSize, DnsProviderService providers, ActorAccessor actors, CancellationToken ct) =>
                await ListSort.Parse(sort, order, DnsProviderSort.All, DnsProviderSort.Default).ToHttpAsync(async sorting =>
                    TypedResults.Ok(await providers.ListAsync(customerId, Paging.From(page, pageSize), await actors.GetAsync(), ct, sorting))))
            .RequireAuthorization(DnsProviderPermissions.View).WithName("ListDnsProviders");

        group.MapGet("/{id:guid}", async (Guid id, DnsProviderService providers, ActorAccessor actors, CancellationToken ct) =>
                (await providers.GetAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(DnsProviderPermissions.View).WithName("GetDnsProvider");

        group.MapPost("", async (DnsProviderInput input, DnsProviderService providers, ActorAccessor actors, CancellationToken ct) =>
                (await providers.CreateAsync(input, await actors.GetAsync(), ct)).ToHttp(p => TypedResults.Created($"/api/v1/dns-providers/{p.Id}", p)))
            .RequireAuthorization(DnsProviderPermissions.Manage).WithName("CreateDnsProvider");

        group.MapPut("/{id:guid}", async (Guid id, DnsProviderInput input, DnsProviderService providers, ActorAccessor actors, CancellationToken ct) =>
                (await providers.UpdateAsync(id, input, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(DnsProviderPermissions.Manage).WithName("UpdateDnsProvider");

        group.MapDelete("/{id:guid}", async (Guid id, DnsProviderService providers, ActorAccessor actors, CancellationToken ct) =>
                (await providers.DeleteAsync(id, await actors.GetAsync(), ct)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(DnsProviderPermissions.Manage).WithName("DeleteDnsProvider");

        group.MapGet("/manual-requests", async (Guid? ownerId, ManualRecordService manual, ActorAccessor actors, CancellationToken ct) =>
                TypedResults.Ok(await manual.PendingAsync(ownerId, await actors.GetAsync(), ct)))
            .RequireAuthorization(DnsProviderPermissions.View).WithName("ListManualDnsRequests");

        group.MapPost("/manual-requests/{id:guid}/done", async (Guid id, ManualRecordService manual, ActorAccessor actors, CancellationToken ct) =>
                (await manual.ConfirmAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(DnsProviderPermissions.Manage).WithName("ConfirmManualDnsRequest");

        group.MapGet("/{id:guid}/delegation", async (Guid id, string? domain, CnameDelegationCheck delegation, ActorAccessor actors, CancellationToken ct) =>
                (await delegation.CheckAsync(id, domain, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(DnsProviderPermissions.View).WithName("CheckDnsDelegation");

        group.MapPost("/{id:guid}/register", async (Guid id, AcmeDnsRegistration registration, ActorAccessor actors, CancellationToken ct) =>
                (await registration.RegisterAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(DnsProviderPermissions.Manage).WithName("RegisterAcmeDnsAccount");

        group.MapPost("/{id:guid}/test", async (Guid id, DnsProviderService providers, ActorAccessor actors, CancellationToken ct) =>
                (await providers.TestAsync(id, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(DnsProviderPermissions.Manage).WithName("TestDnsProvider");

        // Test before saving: a new provider's settings, or an existing one's changes (its stored secrets fill what is left out).
        group.MapPost("/test", async (DnsProviderInput input, DnsProviderService providers, ActorAccessor actors, CancellationToken ct) =>
                (await providers.TestUnsavedAsync(null, input, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(DnsProviderPermissions.Manage).WithName("TestNewDnsProvider");

        group.MapPost("/{id:guid}/test-changes", async (Guid id, DnsProviderInput input, DnsProviderService providers, ActorAccessor actors, CancellationToken ct) =>
                (await providers.TestUnsavedAsync(id, input, await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(DnsProviderPermissions.Manage).WithName("TestDnsProviderChanges");
    }
}
