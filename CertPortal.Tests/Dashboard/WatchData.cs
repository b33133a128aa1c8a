using System.Text.Json;
using CertPortal.Common.Runs;
using CertPortal.Data;
using CertPortal.Features.CertificateAuthorities;
using CertPortal.Features.Certificates;
using CertPortal.Features.Certificates.Accounts;
using CertPortal.Features.Certificates.Issuance;
using CertPortal.Features.ClientCerts;
using CertPortal.Features.Deployments;
using CertPortal.Features.Deployments.Runs;
using CertPortal.Features.DnsProviders;
using CertPortal.Features.DnsProviders.Manual;
using CertPortal.Features.Targets;
using CertPortal.Security;
using CertPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertPortal.Tests.Dashboard;

/// <summary>
/// One customer with one of everything the worklist knows (and things it must leave out), plus a quiet second
/// customer with a single failed certificate; rows go straight into the database or through the slices' services.
/// </summary>
public sealed record WatchData(
    Guid CustomerId, string CustomerName, Guid OtherCustomerId, string OtherCustomerName,
    Guid Failed, Guid Expired, Guid Soon, Guid Later, Guid Imported, Guid Fine, Guid Renewed, Guid Revoked, Guid Ordering, Guid OtherFailed,
    Guid DeploymentFailed, Guid DeploymentRolledBack, Guid DeploymentWaiting, Guid DeploymentOutdated, Guid DeploymentOk,
    Guid ClientCert, Guid RenewedClientCert, Guid ExpiringCa, Guid StaleCrlCa, Guid ManualRequest)
{
    public static async Task<WatchData> SeedAsync(PortalFactory portal)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customer = await portal.SeedCustomerAsync($"Contoso {tag}", "", "it@contoso.test");
        var other = await portal.SeedCustomerAsync($"Fabrikam {tag}");
        var now = portal.Clock.GetUtcNow().UtcDateTime;
        var test = Actor.CommandLine("test");
        return await portal.InScopeAsync(async sp =>
        {
            var dbFactory = sp.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await using var db = await dbFactory.CreateDbContextAsync();
            Guid Cert(Guid owner, string name, string status, double? days, string source = CertificateSources.Acme, bool autoRenew = true, int version = 1, string? error = null)
            {
                var c = new Certificate
                {
                    Id = Guid.NewGuid(), CustomerId = owner, CommonName = $"{name}.{tag}.test", Source = source, AutoRenew = autoRenew, Status = status,
                    LastError = error, CurrentVersion = days is null ? 0 : version, NotBefore = days is null ? null : now.AddDays(-10),
                    NotAfter = days is { } d ? now.AddDays(d) : null, Issuer = "CN=Test CA", CreatedAt = now.AddDays(-30), UpdatedAt = now.AddHours(-3),
                    RevokedAt = status == CertificateStatus.Revoked ? now.AddDays(-1) : null,
                };
                db.Add(c);
                return c.Id;
            }
            var failed = Cert(customer.Id, "failed", CertificateStatus.Failed, 40, error: "The DNS provider timed out.");
            var expired = Cert(customer.Id, "expired", CertificateStatus.Valid, -2);
            var soon = Cert(customer.Id, "soon", CertificateStatus.Valid, 5);
            var later = Cert(customer.Id, "later", CertificateStatus.Valid, 18);
            var imported = Cert(customer.Id, "imported", CertificateStatus.Valid, 10, CertificateSources.Import, autoRenew: false);
            var fine = Cert(customer.Id, "fine", CertificateStatus.Valid, 80);
            var renewed = Cert(customer.Id, "renewed", CertificateStatus.Valid, 85, version: 2);
            var revoked = Cert(customer.Id, "revoked", CertificateStatus.Revoked, 3, autoRenew: false);
            var ordering = Cert(customer.Id, "ordering", CertificateStatus.Issuing, null);
            var otherFailed = Cert(other.Id, "fabrikam", CertificateStatus.Failed, null, error: "The CA refused the order.");

            Guid Target(string name)
            {
                var t = new Target { Id = Guid.NewGuid(), CustomerId = customer.Id, Name = name, Type = "manual", CreatedAt = now, UpdatedAt = now,
                    Settings = new() { ["checklist"] = JsonSerializer.SerializeToElement("Upload it") } };
                db.Add(t);
                return t.Id;
            }
            Guid Binding(Guid certificateId, string target, int? verified, string? runStatus, bool awaiting = false, int runVersion = 1)
            {
                var d = new Deployment { Id = Guid.NewGuid(), CustomerId = customer.Id, CertificateId = certificateId, TargetId = Target(target), VerifiedVersion = verified,
                    BoundAtVersion = 1, CreatedAt = now.AddDays(-20) };
                db.Add(d);
                // An older verified run, then the newest one whose status counts.
                db.Add(new DeploymentRun { Id = Guid.NewGuid(), DeploymentId = d.Id, CertificateVersion = 1, Status = RunStatus.Verified, TriggeredBy = "test",
                    QueuedAt = now.AddDays(-15), StartedAt = now.AddDays(-15), FinishedAt = now.AddDays(-15) });
                if (runStatus is not null)
                    db.Add(new DeploymentRun
                    {
                        Id = Guid.NewGuid(), DeploymentId = d.Id, CertificateVersion = runVersion, Status = runStatus, AwaitingPerson = awaiting, TriggeredBy = "test",
                        QueuedAt = now.AddHours(-6), StartedAt = now.AddHours(-6), FinishedAt = RunStatus.IsOpen(runStatus) ? null : now.AddHours(-5),
                        Steps = awaiting
                            ? [new RunStep("start", "done", "Version 1.", now.AddHours(-6)), new RunStep("manual", "waiting", "Do it by hand.", now.AddHours(-5.5))]
                            : [new RunStep("deploy", runStatus == RunStatus.Verified ? "done" : "failed", "The appliance refused the upload.", now.AddHours(-5))],
                    });
                return d.Id;
            }
            var deploymentFailed = Binding(fine, "Failing firewall", 1, RunStatus.Failed);
            var deploymentRolledBack = Binding(fine, "Rolled-back proxy", 1, RunStatus.RolledBack);
            var deploymentWaiting = Binding(fine, "Waiting appliance", null, RunStatus.Running, awaiting: true);
            var deploymentOutdated = Binding(renewed, "Old web server", 1, null);
            var deploymentOk = Binding(fine, "Healthy proxy", 1, RunStatus.Verified);
            foreach (var (status, hoursAgo) in new[] { ("succeeded", 30), ("succeeded", 26), ("failed", 2), ("interrupted", 3) })
                db.Add(new IssuanceRun { Id = Guid.NewGuid(), CertificateId = fine, Kind = "renew", Status = status, StartedAt = now.AddHours(-hoursAgo - 1), FinishedAt = now.AddHours(-hoursAgo) });
            db.Add(new AcmeRegistration
            {
                Id = Guid.NewGuid(), CustomerId = customer.Id, Name = $"Let's Encrypt {tag}", DirectoryUrl = "https://acme-v02.api.letsencrypt.org/directory",
                Email = "it@contoso.test", SealedAccountKey = sp.GetRequiredService<SecretProtector>().Protect("not a real key"), AccountUrl = "https://acme.test/acct/1", CreatedAt = now,
            });
            await db.SaveChangesAsync();

            var cas = sp.GetRequiredService<CaService>();
            var expiringCa = (await cas.CreateAsync(new CaInput(customer.Id, $"Short CA {tag}", $"CN=Short CA {tag}", "ec256", 20), test)).Value!.Id;
            var staleCa = (await cas.CreateAsync(new CaInput(customer.Id, $"Stale CRL CA {tag}", $"CN=Stale CRL CA {tag}", "ec256", 3650), test)).Value!.Id;
            await db.Set<CertificateAuthority>().Where(c => c.Id == staleCa)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.CrlThisUpdate, now.AddHours(-166)).SetProperty(c => c.CrlNextUpdate, now.AddHours(2)));
            var longCa = (await cas.CreateAsync(new CaInput(customer.Id, $"Long CA {tag}", $"CN=Long CA {tag}", "ec256", 3650), test)).Value!.Id;
            var clientCerts = sp.GetRequiredService<ClientCertService>();
            var clientCert = (await clientCerts.IssueAsync(new ClientCertInput(longCa, $"vpn-alice-{tag}", ValidityDays: 12), test)).Value!.Id;
            // A renewed chain shows only its newest; a revoked certificate not at all.
            var old = (await clientCerts.IssueAsync(new ClientCertInput(longCa, $"vpn-bob-{tag}", ValidityDays: 6), test)).Value!.Id;
            var renewedClientCert = (await clientCerts.RenewAsync(old, test)).Value!.Id;
            var gone = (await clientCerts.IssueAsync(new ClientCertInput(longCa, $"vpn-carol-{tag}", ValidityDays: 5), test)).Value!.Id;
            await clientCerts.RevokeAsync(gone, new ClientCertRevokeInput("cessationOfOperation"), test);

            var provider = (await sp.GetRequiredService<DnsProviderService>().CreateAsync(
                new DnsProviderInput(customer.Id, $"Registrar {tag}", "manual", [], []), test)).Value!.Id;
            var (request, _) = sp.GetRequiredService<ManualDnsRequests>().Add(provider, ordering, $"_acme-challenge.ordering.{tag}.test", "token-value", now.AddHours(-1));

            return new WatchData(customer.Id, customer.Name, other.Id, other.Name, failed, expired, soon, later, imported, fine, renewed, revoked, ordering, otherFailed,
                deploymentFailed, deploymentRolledBack, deploymentWaiting, deploymentOutdated, deploymentOk, clientCert, renewedClientCert, expiringCa, staleCa, request.Id);
        });
    }
}
