using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.ClientCerts;

/// <summary>Names the ClientCertificate entries of the audit log, linking to their pages.</summary>
internal sealed class ClientCertAuditSubjects(IDbContextFactory<AppDbContext> dbFactory)
    : NamedAuditSubjects<ClientCertificate>(dbFactory, "ClientCertificate", e => new AuditSubjectRow { Id = e.Id, Name = e.CommonName }, id => $"client-certs/{id}");
