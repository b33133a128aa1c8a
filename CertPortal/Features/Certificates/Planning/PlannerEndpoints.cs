using CertPortal.Api;
using CertPortal.Security;

namespace CertPortal.Features.Certificates.Planning;

/// <summary>/api/v1/planner: the renewal calendar, for everyone who may see certificates.</summary>
public static class PlannerEndpoints
{
    public static void MapPlannerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiV1("planner");

        group.MapGet("", async (int? days, Guid? customerId, Guid? acmeAccountId, RenewalPlanner planner, ActorAccessor actors, CancellationToken ct) =>
                (await planner.PlanAsync(new PlannerFilter(days, customerId, acmeAccountId), await actors.GetAsync(), ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(CertificatePermissions.View).WithName("GetRenewalPlan");
    }
}
