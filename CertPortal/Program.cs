using CertPortal.Api;
using CertPortal.Components;
using CertPortal.Data;
using CertPortal.Features.AcmeServer;
using CertPortal.Features.Audit;
using CertPortal.Features.CertificateAuthorities;
using CertPortal.Features.Certificates;
using CertPortal.Features.ClientCerts;
using CertPortal.Features.Customers;
using CertPortal.Features.Dashboard;
using CertPortal.Features.Dashboard.Metrics;
using CertPortal.Features.Dashboard.Reports;
using CertPortal.Features.Deployments;
using CertPortal.Features.DnsProviders;
using CertPortal.Features.Endpoints;
using CertPortal.Features.Notifications;
using CertPortal.Features.Notifications.Detection;
using CertPortal.Features.Targets;
using CertPortal.Features.Settings;
using CertPortal.Features.Users;
using CertPortal.Hosting;
using CertPortal.Security;

// Composition only: each slice adds and maps itself.
MallocArenas.Limit();
var command = CommandLine.Find(args);
// Content root is the binary's folder, so `dotnet run --project CertPortal` from anywhere keeps ./data where it was started.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = command is null ? args : [], ContentRootPath = AppContext.BaseDirectory });
builder.AddPortalLogging(forCommand: command is not null);
builder.AddData();
builder.AddSecurity();
builder.AddPortalPipeline();
builder.AddApi();
builder.AddJobs();
builder.AddShell();
builder.AddAudit();
builder.AddUsers();
builder.AddSettings();
builder.AddCustomers();
builder.AddDnsProviders();
builder.AddCertificates();
builder.AddCertificateAuthorities();
builder.AddTargets();
builder.AddDeployments();
builder.AddEndpointWatching();
builder.AddClientCerts();
builder.AddAcmeServer();
builder.AddDashboard();
builder.AddReports();
builder.AddNotifications();
builder.AddMetrics();

var app = builder.Build();
if (await app.PrepareDatabaseAsync() is var failed and not 0)
    return failed;
if (command is not null)
    return await CommandLine.RunAsync(app, args);

app.UsePreSignedOcspAnswers();
app.UsePortalPipeline();
app.MapApi();
app.MapAudit();
app.MapUsers();
app.MapSettings();
app.MapCustomers();
app.MapDnsProviders();
app.MapCertificates();
app.MapCertificateAuthorities();
app.MapTargets();
app.MapDeployments();
app.MapEndpointWatching();
app.MapClientCerts();
app.MapAcmeServer();
app.MapDashboard();
app.MapReports();
app.MapNotifications();
app.MapMetrics();
app.MapShell();
await app.RunAsync();
return 0;

public partial class Program;
