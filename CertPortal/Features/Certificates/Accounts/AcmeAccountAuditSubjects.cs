using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates.Accounts;

/// <summary>Names the AcmeAccount entries of the audit log, linking to the ACME accounts page (accounts have no page of their own).</summary>
internal sealed class AcmeAccountAuditSubjects(IDbContextFactory<AppDbContext> dbFactory)
    : NamedAuditSubjects<AcmeRegistration>(dbFactory, "AcmeAccount", e => new AuditSubjectRow { Id = e.Id, Name = e.Name }, _ => "acme-accounts");
