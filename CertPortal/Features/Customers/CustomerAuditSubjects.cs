using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Customers;

/// <summary>Names the Customer entries of the audit log, linking to their pages.</summary>
internal sealed class CustomerAuditSubjects(IDbContextFactory<AppDbContext> dbFactory)
    : NamedAuditSubjects<Customer>(dbFactory, "Customer", e => new AuditSubjectRow { Id = e.Id, Name = e.Name }, id => $"customers/{id}");
