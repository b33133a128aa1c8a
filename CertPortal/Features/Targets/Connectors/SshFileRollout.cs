namespace CertPortal.Features.Targets.Connectors;

/// <summary>
/// Puts files on a host over one <see cref="SshSession"/> and makes the service read them: swap each file in with a
/// backup, run the target's test and reload commands, and on any failure put the old files back and reload again.
/// Both a certificate deployment and a trust push (CA and CRL files) go this way.
/// </summary>
internal sealed class SshFileRollout(SshSession session, SshTarget target, Func<string, string, Task> step)
{
    /// <summary>Replaces <paramref name="files"/>, logs <paramref name="uploaded"/> once they are in, then tests and reloads.</summary>
    public async Task ReplaceAsync(IReadOnlyList<RemoteFile> files, string uploaded, CancellationToken ct)
    {
        var swap = new RemoteFileSwap(session.Sftp, files);
        try
        {
            await swap.StageAsync(ct);
        }
        catch (OperationCanceledException)
        {
            await swap.DiscardStagedAsync(CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            await swap.DiscardStagedAsync(CancellationToken.None);
            throw new TargetException($"Uploading the files failed ({e.Message.TrimEnd('.')}); nothing on the host was changed.", e) { Step = "upload" };
        }
        string stepName = "upload";
        try
        {
            await swap.SwapAsync(ct);
            await step("upload", uploaded);
            stepName = "test";
            await TestAndReloadAsync(ct, s => stepName = s);
        }
        catch (Exception e)
        {
            try
            {
                await swap.UndoAsync(CancellationToken.None);
            }
            catch (Exception undo)
            {
                throw new TargetException($"The {stepName} step failed ({e.Message.TrimEnd('.')}), and putting the old files back failed too ({undo.Message.TrimEnd('.')}): " +
                    $"check the host, the old files are in *{RemoteFileSwap.BackupSuffix}.", e);
            }
            var (reloaded, served) = await ReloadAgainAsync();
            if (e is OperationCanceledException)
                throw;
            var what = e is TargetException ? e.Message : $"The {stepName} step failed: {e.Message}";
            throw new TargetException($"{what.TrimEnd('.')}. The old files were restored{reloaded}", e, undone: served) { Step = stepName };
        }
    }

    /// <summary>After a failed verification (a later connection): every file with a backup gets it back; answers how many.</summary>
    public Task<int> RestoreBackupsAsync(IReadOnlyList<RemoteFile> files, CancellationToken ct) => new RemoteFileSwap(session.Sftp, files).RestoreBackupsAsync(ct);

    /// <summary>Writes <paramref name="files"/> without backups (there were none to restore).</summary>
    public async Task WriteAsync(IReadOnlyList<RemoteFile> files, CancellationToken ct)
    {
        var swap = new RemoteFileSwap(session.Sftp, files);
        await swap.StageAsync(ct);
        await swap.SwapAsync(ct);
    }

    public async Task TestAndReloadAsync(CancellationToken ct, Action<string>? at = null)
    {
        if (target.TestCommand is { } test)
        {
            var tested = await session.RunAsync(test, ct);
            if (!tested.Ok)
                throw new TargetException($"The configuration test failed: {tested.Describe()}");
            await step("test", $"`{test}` passed.");
        }
        at?.Invoke("reload");
        var reload = target.ReloadCommand ?? throw new TargetException("The setting 'reloadCommand' is missing.");
        var reloaded = await session.RunAsync(reload, ct);
        if (!reloaded.Ok)
            throw new TargetException($"The reload failed: {reloaded.Describe()}");
        await step("reload", $"`{reload}` ran.");
    }

    /// <summary>After the old files are back the server may hold the new ones (a reload that half worked): reload once more.</summary>
    /// <returns>The message's ending, and whether the old files are back in service (reloaded).</returns>
    private async Task<(string Message, bool Served)> ReloadAgainAsync()
    {
        if (target.ReloadCommand is not { } reload)
            return (".", false);
        try
        {
            var reloaded = await session.RunAsync(reload, CancellationToken.None);
            return reloaded.Ok ? (" and reloaded.", true) : ($", but reloading them failed too: {reloaded.Describe()}.", false);
        }
        catch (Exception e) when (e is TargetException or Renci.SshNet.Common.SshException or IOException)
        {
            return ($", but reloading them failed too: {e.Message}", false);
        }
    }
}
