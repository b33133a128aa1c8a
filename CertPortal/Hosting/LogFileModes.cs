using CertPortal.Data;
using Microsoft.Extensions.Options;

namespace CertPortal.Hosting;

/// <summary>
/// Keeps the log files 0600. Serilog's file sink, shared between the portal and its commands, takes no hook to set
/// a mode when it rolls to a new day's file, so the day's and the next day's files are made here first with 0600
/// (the sink appends to an existing file and keeps its mode), and any file already there is put right.
/// </summary>
internal sealed class LogFileModes(IOptions<DataOptions> data) : BackgroundService
{
    public const string FilePrefix = "certportal-";

    public static string Folder(DataOptions data) => Path.Combine(data.DataPath, "logs");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Serilog names and rolls files by the system's local clock, not the portal's TimeProvider, so this follows it.
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), TimeProvider.System);
        do
            Apply();
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private void Apply()
    {
        var folder = Folder(data.Value);
        PrivateFiles.EnsureFolder(folder);
        var today = TimeProvider.System.GetLocalNow();
        foreach (var day in new[] { today, today.AddDays(1) })
            PrivateFiles.Precreate(Path.Combine(folder, $"{FilePrefix}{day:yyyyMMdd}.log"));
        foreach (var file in Directory.EnumerateFiles(folder, FilePrefix + "*.log"))
            PrivateFiles.Fix(file);
    }
}
