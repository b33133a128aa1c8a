using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Targets;

/// <summary>Names the Target entries of the audit log, linking to the targets page (targets have no page of their own).</summary>
internal sealed class TargetAuditSubjects(IDbContextFactory<AppDbContext> dbFactory)
    : NamedAuditSubjects<Target>(dbFactory, "Target", e => new AuditSubjectRow { Id = e.Id, Name = e.Name }, _ => "targets");
