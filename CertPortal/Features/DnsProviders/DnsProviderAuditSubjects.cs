using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.DnsProviders;

/// <summary>Names the DnsProvider entries of the audit log, linking to the DNS-provider page (providers have no page of their own).</summary>
internal sealed class DnsProviderAuditSubjects(IDbContextFactory<AppDbContext> dbFactory)
    : NamedAuditSubjects<DnsProvider>(dbFactory, "DnsProvider", e => new AuditSubjectRow { Id = e.Id, Name = e.Name }, _ => "dns-providers");
