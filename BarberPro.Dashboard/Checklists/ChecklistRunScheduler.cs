using BarberPro.Core.Checklists;
using BarberPro.Core.Time;
using Npgsql;

namespace BarberPro.Dashboard.Checklists;

/// <summary>
/// Creates the run of each ART day and ART week by itself, at start-up and at every ART midnight, so a day nobody
/// opened the page still has its run (and shows 0 % in the history) rather than leaving a gap. The page still creates
/// a run it needs (race-safe), so a missed midnight only delays this until the next visit.
/// </summary>
internal sealed partial class ChecklistRunScheduler(ChecklistStore store, TimeProvider time, ILogger<ChecklistRunScheduler> logger)
    : BackgroundService
{
    private static readonly TimeSpan s_retry = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var wait = s_retry;
            try
            {
                foreach (var cadence in (ChecklistCadence[])[ChecklistCadence.Daily, ChecklistCadence.Weekly])
                {
                    await store.EnsureRunAsync(ChecklistPeriod.Containing(cadence, now), stoppingToken);
                }
                var nextMidnight = ArgentinaTime.StartOfDay(ArgentinaTime.DateOf(now).AddDays(1));
                wait = nextMidnight - now;
            }
            catch (Exception ex) when (ex is ChecklistUnavailableException or NpgsqlException)
            {
                LogRetry(ex);
            }
            await Task.Delay(wait, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create today's checklist runs; trying again in a minute")]
    private partial void LogRetry(Exception ex);
}
