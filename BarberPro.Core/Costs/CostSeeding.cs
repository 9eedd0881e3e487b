using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using BarberPro.Core.Time;

namespace BarberPro.Core.Costs;

/// <summary>
/// On first start (no cost entry at all), writes SPEC.md's seed figures for the current Argentina month. Runs after
/// the migrations (it is registered after them) and before the app serves requests.
/// </summary>
public sealed partial class CostSeeding(CostStore store, TimeProvider time, ILogger<CostSeeding> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var today = ArgentinaTime.DateOf(time.GetUtcNow());
        var month = new DateOnly(today.Year, today.Month, 1);
        if (await store.EnsureSeededAsync(month, cancellationToken))
        {
            LogSeeded(CostRules.FormatMonth(month));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Cost entries seeded with the SPEC.md figures for {Month}")]
    private partial void LogSeeded(string month);
}
