using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Reports;

/// <summary>Section <c>Reports</c>.</summary>
public sealed class ReportOptions
{
    public const string SectionName = "Reports";

    /// <summary>Whether this instance runs the scheduler (every instance may: the database keeps each report once).</summary>
    public bool Schedule { get; set; } = true;

    /// <summary>How far back a starting instance generates scheduled reports it finds missing. 1 hour to 31 days.</summary>
    public TimeSpan CatchUp { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long to wait before trying again when a report could not be generated (database down). 1 s to 1 h.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Where DejaVuSans.ttf and DejaVuSans-Bold.ttf are, for the PDF (Debian package fonts-dejavu-core).</summary>
    public string FontDirectory { get; set; } = "/usr/share/fonts/truetype/dejavu";
}

public sealed class ReportOptionsValidator : IValidateOptions<ReportOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.CatchUp < TimeSpan.FromHours(1) || options.CatchUp > TimeSpan.FromDays(31))
        {
            errors.Add($"{ReportOptions.SectionName}:CatchUp must be between 01:00:00 and 31.00:00:00 (was {options.CatchUp}).");
        }
        if (options.RetryDelay < TimeSpan.FromSeconds(1) || options.RetryDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"{ReportOptions.SectionName}:RetryDelay must be between 00:00:01 and 01:00:00 (was {options.RetryDelay}).");
        }
        if (string.IsNullOrWhiteSpace(options.FontDirectory))
        {
            errors.Add($"{ReportOptions.SectionName}:FontDirectory must name the directory holding DejaVuSans.ttf (fonts-dejavu-core).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>
/// Generates the scheduled reports (<see cref="ReportSchedule"/>): on start, every one due within
/// <see cref="ReportOptions.CatchUp"/> and missing (the dashboard was down at 18:00, started at 19:00: generated
/// then); afterwards it sleeps on the <see cref="TimeProvider"/> until the next scheduled instant. Every instance may
/// run it: <see cref="ReportService.EnsureAsync"/> keeps each report once in the database.
/// </summary>
public sealed partial class ReportScheduler(ReportService reports, TimeProvider time, IOptions<ReportOptions> options, ILogger<ReportScheduler> logger)
    : BackgroundService
{
    private long _lastPassTicks = long.MinValue;

    /// <summary>
    /// The clock time of the last pass that generated everything due (null before the first): the reports page shows
    /// it, and tests wait on it rather than on time.
    /// </summary>
    public DateTimeOffset? LastCompletedPass =>
        Interlocked.Read(ref _lastPassTicks) is var ticks && ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Schedule)
        {
            return;
        }
        var after = time.GetUtcNow() - settings.CatchUp;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var failed = false;
            foreach (var period in ReportSchedule.DueBetween(after, now))
            {
                try
                {
                    await reports.EnsureAsync(period, stoppingToken);
                    after = period.ScheduledAt!.Value;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(period.KindName, period.FirstDay, ex.Message);
                    failed = true;
                    break;
                }
            }
            var wait = failed ? settings.RetryDelay : ReportSchedule.NextAfter(now) - time.GetUtcNow();
            // The timer exists before the pass is announced, so a clock moved right after the announcement wakes it.
            var delay = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken);
            if (!failed)
            {
                after = now;
                Interlocked.Exchange(ref _lastPassTicks, now.UtcTicks);
            }
            try
            {
                await delay;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Kind} for {Day} could not be generated, retrying: {Error}")]
    private partial void LogFailed(string kind, DateOnly day, string error);
}
