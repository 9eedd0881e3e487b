using BarberPro.Core.Prometheus;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BarberPro.Dashboard.Live;

/// <summary>Reported on /ready, never fatal: without Prometheus the panels go stale, the dashboard still serves.</summary>
internal sealed class PrometheusHealthCheck(PrometheusClient prometheus) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var ready = await prometheus.CheckReadyAsync(cancellationToken);
        return ready.IsReady
            ? HealthCheckResult.Healthy($"Prometheus answers ({ready.Elapsed.TotalMilliseconds:0} ms).")
            : HealthCheckResult.Degraded($"Prometheus does not answer: {ready.Detail}. Live panels are stale.");
    }
}
