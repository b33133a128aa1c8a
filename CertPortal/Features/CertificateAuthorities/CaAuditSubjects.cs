using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.CertificateAuthorities;

/// <summary>Names the CertificateAuthority entries of the audit log, linking to their pages.</summary>
internal sealed class CaAuditSubjects(IDbContextFactory<AppDbContext> dbFactory)
    : NamedAuditSubjects<CertificateAuthority>(dbFactory, "CertificateAuthority", e => new AuditSubjectRow { Id = e.Id, Name = e.Name }, id => $"cas/{id}");
