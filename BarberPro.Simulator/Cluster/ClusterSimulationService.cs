using BarberPro.Simulator.Hosting;
using Microsoft.Extensions.Options;

namespace BarberPro.Simulator.Cluster;

/// <summary>Advances the model every tick (1 s by default); <see cref="ClusterMetrics"/> reads it at each scrape.</summary>
public sealed partial class ClusterSimulationService(
    ClusterModelHost host,
    TimeProvider timeProvider,
    IOptions<SimulatorOptions> options,
    ILogger<ClusterSimulationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(logger, options.Value.TickInterval, host.Latest.Scenario);
        using var timer = new PeriodicTimer(options.Value.TickInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Tick();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    /// <summary>One step of the loop; public so tests can drive it without waiting for the timer.</summary>
    public void Tick() => host.AdvanceTo(timeProvider.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster simulation started: tick {TickInterval}, scenario {Scenario}")]
    private static partial void LogStarted(ILogger logger, TimeSpan tickInterval, string scenario);
}
