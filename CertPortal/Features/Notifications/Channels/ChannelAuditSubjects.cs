using CertPortal.Data;
using CertPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Notifications.Channels;

/// <summary>Names the NotificationChannel entries of the audit log, linking to the channels page (channels have no page of their own).</summary>
internal sealed class ChannelAuditSubjects(IDbContextFactory<AppDbContext> dbFactory)
    : NamedAuditSubjects<NotificationChannel>(dbFactory, "NotificationChannel", e => new AuditSubjectRow { Id = e.Id, Name = e.Name }, _ => "notifications/channels");
