using System.Security.Cryptography.X509Certificates;
using CertPortal.Acme;
using CertPortal.Data;
using CertPortal.Data.WorkQueue;
using CertPortal.Features.Audit;
using CertPortal.Features.Certificates.Accounts;
using CertPortal.Features.Certificates.Files;
using CertPortal.Features.Dashboard.Metrics;
using CertPortal.Features.DnsProviders;
using CertPortal.Features.DnsProviders.Manual;
using CertPortal.Features.DnsProviders.Propagation;
using CertPortal.Features.DnsProviders.Providers;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Certificates.Issuance;

/// <summary>
/// One order from start to stored version: order created → TXT written → propagated → validated → finalized → stored.
/// Every step is logged as it happens; challenge records are removed whatever happens. A failure leaves the
/// certificate <c>failed</c> with the reason and a time to try again.
/// </summary>
public sealed class IssuanceRunner(
    IDbContextFactory<AppDbContext> dbFactory,
    AcmeAccountClients clients,
    DnsChallengePublisher dns,
    Http01Challenges http01,
    SecretProtector protector,
    CertificateEvents events,
    IssuanceProgress progress,
    AuditLog audit,
    PortalMetrics metrics,
    HeldClaim claim,
    TimeProvider clock,
    ILogger<IssuanceRunner> logger)
{
    private static readonly TimeSpan ValidationTimeout = TimeSpan.FromMinutes(3);

    public async Task RunAsync(Guid certificateId, CancellationToken ct)
    {
        var (certificate, account, previous) = await LoadAsync(certificateId, ct);
        if (certificate is null || !CertificateStatus.IsWorking(certificate.Status))
            return;
        var renewal = certificate.CurrentVersion > 0;
        var log = await StartRunAsync(certificate, renewal, ct);
        var started = clock.GetTimestamp();
        try
        {
            if (account is null)
                throw new AcmeException("The certificate's ACME account no longer exists; choose another account.");
            var version = await IssueAsync(certificate, account, previous, log, ct);
            await log.FinishAsync("succeeded", null);
            if (renewal)
                metrics.RenewalFinished("succeeded");
            metrics.IssuanceTook(clock.GetElapsedTime(started).TotalSeconds);
            await audit.RecordAsync(renewal ? "certificate.renew" : "certificate.issue", "Certificate", certificate.Id.ToString(),
                $"Issued version {version.Version} of {certificate.CommonName} (serial {version.SerialNumber}, valid until {version.NotAfter:yyyy-MM-dd} UTC).",
                customerId: certificate.CustomerId, ct: CancellationToken.None);
            await events.PublishAsync(new CertificateIssued(certificate.Id, certificate.CustomerId, version.Version, version.ThumbprintSha256, renewal), CancellationToken.None);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The portal is stopping: the run stays "running" and is taken up again at the next start.
            throw;
        }
        catch (ClaimLostException)
        {
            // Another instance took the order up while this one was paused: it is that instance's to finish.
            throw;
        }
        catch (Exception e) when (e is AcmeException or IssuanceConfigurationException or DnsProviderException or HttpRequestException or TaskCanceledException or System.Security.Cryptography.CryptographicException)
        {
            await FailAsync(certificate, log, e, renewal);
        }
        catch (Exception e)
        {
            // A bug or an answer nobody expected: the certificate must not stay "issuing" until the next restart.
            logger.LogError(e, "The order for {Certificate} failed unexpectedly (CustomerId {CustomerId}, CertificateId {CertificateId}, RunId {RunId})",
                certificate.CommonName, certificate.CustomerId, certificate.Id, log.RunId);
            await FailAsync(certificate, log, new AcmeException($"Unexpected error ({e.GetType().Name}); see the portal log.", e), renewal);
        }
    }

    private async Task<CertificateVersion> IssueAsync(Certificate certificate, AcmeRegistration account, CertificateVersion? previous, IssuanceLog log, CancellationToken ct)
    {
        var client = clients.Open(account);
        var names = certificate.AllNames().ToList();
        await EnsureProfileOfferedAsync(client, certificate, account, ct);
        var order = await NewOrderAsync(client, names, previous, certificate.Profile, ct);
        await log.OrderAsync(order.Location, ct);
        var profile = order.Profile ?? certificate.Profile;
        await log.StepAsync("Order created", $"Order for {string.Join(", ", names)} at {account.Name}{(profile is null ? "" : $", profile {profile}")}.", ct);

        var authorizations = new List<AcmeAuthorization>();
        foreach (var url in order.Authorizations)
            authorizations.Add(await client.GetAuthorizationAsync(url, ct));
        var pending = authorizations.Where(a => a.Status == "pending").ToList();
        if (pending.Count < authorizations.Count)
            await log.StepAsync("Validated", $"{authorizations.Count - pending.Count} name(s) already validated with this account.", ct);

        var answers = new List<Func<Task>>();
        try
        {
            var challenges = new List<(AcmeAuthorization Authorization, AcmeChallenge Challenge)>();
            foreach (var authorization in pending)
                challenges.Add((authorization, authorization.Challenges.FirstOrDefault(c => c.Type == certificate.ChallengeType)
                    ?? throw new AcmeException($"The CA offers no {certificate.ChallengeType} challenge for {NameOf(authorization)}.")));
            await Task.WhenAll(challenges.Select(c => PrepareAsync(certificate, client, c.Authorization, c.Challenge, answers, log, ct)));

            foreach (var (_, challenge) in challenges)
                await client.RespondAsync(challenge, ct);
            foreach (var (authorization, _) in challenges)
            {
                var result = await client.WaitForAuthorizationAsync(authorization.Location, ValidationTimeout, ct);
                if (result.Status != "valid")
                {
                    var error = result.Challenges.FirstOrDefault(c => c.Type == certificate.ChallengeType)?.Error;
                    throw new AcmeException($"{NameOf(authorization)} was not validated ({result.Status}): {error?.Explain() ?? "the CA gave no reason."}");
                }
            }
            if (challenges.Count > 0)
                await log.StepAsync("Validated", $"The CA validated {string.Join(", ", challenges.Select(c => NameOf(c.Authorization)))}.", ct);
        }
        finally
        {
            foreach (var remove in answers)
                await remove();
        }

        var ready = await client.WaitForOrderAsync(order.Location, ValidationTimeout, ct);
        if (ready.Status != "ready" && ready.Status != "valid")
            throw new AcmeException($"The order is {ready.Status}, not ready: {ready.Error?.Explain() ?? "the CA gave no reason."}");
        // Finalizing spends the CA's limit for these names: not done for an order another instance has taken up.
        await claim.EnsureHeldAsync(ct);
        using var key = CertificateKeys.Create(certificate.KeyType);
        var finalized = ready.Status == "valid" ? ready : await client.FinalizeAsync(ready, CertificateKeys.Csr(key, names), ct);
        var valid = await client.WaitForOrderAsync(finalized.Location, ValidationTimeout, ct);
        if (valid.Status != "valid" || valid.Certificate is null)
            throw new AcmeException($"The order is {valid.Status} after finalizing: {valid.Error?.Explain() ?? "the CA gave no reason."}");
        await log.StepAsync("Finalized", $"Finalized with a new {certificate.KeyType} key.", ct);

        var downloaded = await client.DownloadCertificateAsync(valid.Certificate, account.PreferredChain, ct);
        using var chain = CertificateChain.FromLeafFirstPem(downloaded.Pem);
        var renewAfter = await RenewAfterAsync(client, chain.Leaf, ct);
        var version = await StoreAsync(certificate.Id, log.RunId, chain, CertificateKeys.ExportPem(key), renewAfter, ct);
        await log.StepAsync("Stored", $"Version {version.Version} stored: serial {version.SerialNumber}, valid until {version.NotAfter:yyyy-MM-dd HH:mm} UTC; renewal planned after {renewAfter.At:yyyy-MM-dd HH:mm} UTC.", ct);
        return version;
    }

    /// <summary>
    /// A profile the CA's directory does not list (or a CA that lists none) cannot be ordered: said at once, naming what
    /// the CA offers, rather than spending an order on it and retrying.
    /// </summary>
    private static async Task EnsureProfileOfferedAsync(AcmeClient client, Certificate certificate, AcmeRegistration account, CancellationToken ct)
    {
        if (certificate.Profile is not { } profile)
            return;
        var offered = (await client.GetDirectoryAsync(ct)).Meta?.Profiles;
        if (offered is null || !offered.ContainsKey(profile))
            throw new IssuanceConfigurationException(
                $"The CA of account '{account.Name}' does not offer the profile '{profile}'; it offers {CertificateProfiles.Describe(offered)}. Choose one of those or the CA's default.");
    }

    /// <summary>Asks for the order, naming the certificate it replaces (ARI); a CA that refuses that gets a plain order.</summary>
    private static async Task<AcmeOrder> NewOrderAsync(AcmeClient client, List<string> names, CertificateVersion? previous, string? profile, CancellationToken ct)
    {
        if (previous?.RenewalCertId is not { } replaces)
            return await client.NewOrderAsync(names, null, profile, ct);
        try
        {
            return await client.NewOrderAsync(names, replaces, profile, ct);
        }
        catch (AcmeException e) when (e.Problem?.Kind is "alreadyReplaced" or "malformed" or "conflict")
        {
            return await client.NewOrderAsync(names, null, profile, ct);
        }
    }

    private async Task PrepareAsync(Certificate certificate, AcmeClient client, AcmeAuthorization authorization, AcmeChallenge challenge,
        List<Func<Task>> answers, IssuanceLog log, CancellationToken ct)
    {
        if (challenge.Type == "http-01")
        {
            http01.Add(challenge.Token, ChallengeAnswers.KeyAuthorization(challenge.Token, client.Key));
            lock (answers)
                answers.Add(() => { http01.Remove(challenge.Token); return Task.CompletedTask; });
            await log.StepAsync("Challenge ready", $"Serving /.well-known/acme-challenge/{challenge.Token} for {authorization.Identifier.Value}.", ct);
            return;
        }
        var providerId = certificate.DnsProviderId ?? throw new DnsProviderException("DNS-01 needs a DNS provider; choose one for this certificate.");
        var value = ChallengeAnswers.Dns01TxtValue(challenge.Token, client.Key);
        // Steps are logged as the solver reports them (in order, one after another), so the page shows "TXT written" while propagation runs.
        var stepWrites = Task.CompletedTask;
        var gate = new object();
        // Noted in the run before the write (not after propagation): a kill -9 while the record is out there must
        // leave the restart a record to remove.
        var published = await dns.PublishAsync(providerId, ChallengeAnswers.Dns01RecordName(authorization.Identifier.Value), value,
            message =>
            {
                lock (gate)
                    stepWrites = stepWrites.ContinueWith(_ => log.StepAsync(StepName(message), message, CancellationToken.None), TaskScheduler.Default).Unwrap();
            }, ct,
            writing: recordName => log.RecordWritingAsync(new ChallengeRecord(providerId, recordName, value), ct), ownerId: certificate.Id);
        var record = new ChallengeRecord(providerId, published.RecordName, value);
        lock (answers)
            answers.Add(async () =>
            {
                try
                {
                    await published.RemoveAsync(CancellationToken.None);
                    await log.RecordRemovedAsync(record);
                }
                catch (DnsProviderException e)
                {
                    logger.LogWarning("Could not remove the challenge record {Record}: {Reason}", record.RecordName, e.Message);
                }
            });
        Task written;
        lock (gate)
            written = stepWrites;
        await written;
    }

    // RFC 8555 §7.1.4: a wildcard's authorization names the base domain and sets "wildcard"; people asked for "*.name".
    private static string NameOf(AcmeAuthorization authorization) =>
        authorization.Wildcard ? "*." + authorization.Identifier.Value : authorization.Identifier.Value;

    private static string StepName(string solverMessage) =>
        solverMessage.StartsWith("TXT written", StringComparison.Ordinal) ? "TXT written"
        : solverMessage.Contains("answered by", StringComparison.Ordinal) ? "Propagated"
        : "DNS";

    private async Task<(DateTime At, DateTime? CheckAgain)> RenewAfterAsync(AcmeClient client, X509Certificate2 leaf, CancellationToken ct)
    {
        RenewalInfo? info = null;
        try
        {
            info = await client.GetRenewalInfoAsync(leaf, ct);
        }
        catch (Exception e) when (e is HttpRequestException or AcmeException or System.Text.Json.JsonException or KeyNotFoundException or FormatException)
        {
            logger.LogInformation("The CA's renewal info could not be read: {Reason}", e.Message);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        return info is null
            ? (RenewalSchedule.WithoutAri(leaf.NotBefore.ToUniversalTime(), leaf.NotAfter.ToUniversalTime(), Random.Shared), null)
            : (RenewalSchedule.InWindow(info, Random.Shared), now + (info.RetryAfter ?? TimeSpan.FromHours(6)));
    }

    private async Task<CertificateVersion> StoreAsync(Guid certificateId, Guid runId, CertificateChain chain, string keyPem, (DateTime At, DateTime? CheckAgain) renewal, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await claim.EnsureHeldAsync(db, ct);
        var certificate = await db.Set<Certificate>().SingleAsync(c => c.Id == certificateId, ct);
        var number = (await db.Set<CertificateVersion>().Where(v => v.CertificateId == certificateId).MaxAsync(v => (int?)v.Version, ct) ?? 0) + 1;
        var version = CertificateVersion.From(certificateId, number, chain, protector.Protect(keyPem), clock.GetUtcNow().UtcDateTime);
        version.RenewalCertId = AcmeClient.CertificateId(chain.Leaf);
        db.Add(version);
        certificate.ApplyVersion(version);
        (certificate.Status, certificate.LastError, certificate.FailureCount, certificate.NextAttemptAt) = (CertificateStatus.Valid, null, 0, null);
        certificate.ScheduleRenewal(renewal.At);
        (certificate.RenewalInfoCheckAt, certificate.UpdatedAt) = (renewal.CheckAgain, version.CreatedAt);
        await db.SaveChangesAsync(ct);
        // The run ends with its version, in one commit: an instance that dies right after leaves a run that succeeded,
        // not one that whoever takes the order up would call interrupted.
        await db.Set<IssuanceRun>().Where(r => r.Id == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, "succeeded").SetProperty(r => r.FinishedAt, version.CreatedAt), ct);
        await transaction.CommitAsync(ct);
        return version;
    }

    private async Task FailAsync(Certificate certificate, IssuanceLog log, Exception e, bool renewal)
    {
        var message = e is TaskCanceledException ? "The CA or DNS provider did not answer in time." : e.Message;
        // Failing because another instance took the order up (and removed its records) is no failure of the certificate.
        await claim.EnsureHeldAsync(CancellationToken.None);
        await log.FailStepAsync("Failed", message);
        await log.FinishAsync("failed", message);
        bool willRetry;
        DateTime? nextAttempt;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await claim.EnsureHeldAsync(db, CancellationToken.None);
            var stored = await db.Set<Certificate>().SingleAsync(c => c.Id == certificate.Id);
            stored.FailureCount++;
            var wait = e is AcmeException { RetryAfter: { } retryAfter } ? retryAfter : RenewalSchedule.Backoff(stored.FailureCount, Random.Shared);
            // A configuration error gets no next attempt (null): only a person's change or "renew" starts it again.
            (stored.Status, stored.LastError, stored.NextAttemptAt, stored.UpdatedAt) =
                (CertificateStatus.Failed, message, e is IssuanceConfigurationException ? null : clock.GetUtcNow().UtcDateTime + wait, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            // The renewal job takes up failed auto-renew certificates after their wait; nothing takes up the others.
            (willRetry, nextAttempt) = (stored.AutoRenew && stored.Source == CertificateSources.Acme && stored.NextAttemptAt is not null, stored.NextAttemptAt);
        }
        progress.Notify(certificate.Id);
        if (renewal)
            metrics.RenewalFinished("failed");
        await audit.RecordAsync(renewal ? "certificate.renew" : "certificate.issue", "Certificate", certificate.Id.ToString(),
            $"Failed for {certificate.CommonName}: {message}", AuditOutcome.Failure, certificate.CustomerId, CancellationToken.None);
        var operation = renewal ? "renewal" : "issuance";
        if (willRetry)
            logger.LogWarning("The {Operation} of {CommonName} failed, tried again after {NextAttemptAt:u}: {Reason} (CustomerId {CustomerId}, CertificateId {CertificateId}, RunId {RunId})",
                operation, certificate.CommonName, nextAttempt, message, certificate.CustomerId, certificate.Id, log.RunId);
        else
            logger.LogError("The {Operation} of {CommonName} failed and is not tried again by itself: {Reason} (CustomerId {CustomerId}, CertificateId {CertificateId}, RunId {RunId})",
                operation, certificate.CommonName, message, certificate.CustomerId, certificate.Id, log.RunId);
        await events.PublishAsync(new CertificateIssuanceFailed(certificate.Id, certificate.CustomerId, certificate.CommonName, renewal, log.RunId, message,
            willRetry, UnreachablePeers.Find(e, certificate)), CancellationToken.None);
    }

    private async Task<(Certificate?, AcmeRegistration?, CertificateVersion?)> LoadAsync(Guid certificateId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var certificate = await db.Set<Certificate>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == certificateId, ct);
        if (certificate is null)
            return (null, null, null);
        var account = await db.Set<AcmeRegistration>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == certificate.AcmeAccountId, ct);
        var previous = await db.Set<CertificateVersion>().AsNoTracking()
            .SingleOrDefaultAsync(v => v.CertificateId == certificateId && v.Version == certificate.CurrentVersion, ct);
        return (certificate, account, previous);
    }

    private async Task<IssuanceLog> StartRunAsync(Certificate certificate, bool renewal, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var run = new IssuanceRun { Id = Guid.NewGuid(), CertificateId = certificate.Id, Kind = renewal ? "renew" : "issue", StartedAt = now };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Add(run);
            var stored = await db.Set<Certificate>().SingleAsync(c => c.Id == certificate.Id, ct);
            (stored.Status, stored.UpdatedAt) = (renewal ? CertificateStatus.Renewing : CertificateStatus.Issuing, now);
            await db.SaveChangesAsync(ct);
        }
        progress.Notify(certificate.Id);
        return new IssuanceLog(dbFactory, progress, clock, run.Id, certificate.Id);
    }
}
