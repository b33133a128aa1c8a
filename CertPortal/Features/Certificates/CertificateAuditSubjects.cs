using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates;

/// <summary>Names the Certificate entries of the audit log, linking to their pages.</summary>
internal sealed class CertificateAuditSubjects(IDbContextFactory<AppDbContext> dbFactory)
    : NamedAuditSubjects<Certificate>(dbFactory, "Certificate", e => new AuditSubjectRow { Id = e.Id, Name = e.CommonName }, id => $"certificates/{id}");
