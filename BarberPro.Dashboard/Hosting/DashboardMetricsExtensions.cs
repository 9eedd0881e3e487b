using BarberPro.Core.Metrics;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Security;
using Microsoft.Extensions.Options;
using Prometheus;
using Prometheus.HttpMetrics;

namespace BarberPro.Dashboard.Hosting;

/// <summary>
/// The dashboard's <c>/metrics</c> (prometheus-net, the app's own registry): HTTP request metrics of every route,
/// process and .NET runtime metrics, and whatever the features register (live screen, Prometheus client).
/// </summary>
public static class DashboardMetricsExtensions
{
    private static readonly string[] s_requestLabels = [HttpRequestLabelNames.Code, HttpRequestLabelNames.Method, HttpRequestLabelNames.Endpoint];
    // By method only: this middleware runs before routing (so the exception handler's status is what gets counted, and
    // static assets short-circuit at routing), so a request's route is not known when it starts. Open hub sockets
    // by kind: barberpro_dashboard_live_connections.
    private static readonly string[] s_inProgressLabels = [HttpRequestLabelNames.Method];

    /// <summary>
    /// Measures every request and maps <c>/metrics</c>: open to scrapers by default, an Admin's only when
    /// <c>Security:MetricsRequireSignIn</c> is set. Call it before any other middleware, so that a request that
    /// ends in the exception handler is counted with the status it answered.
    /// </summary>
    public static WebApplication MapDashboardMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var registry = app.Services.GetRequiredService<CollectorRegistry>();
        var metrics = app.Services.GetRequiredService<IMetricFactory>();
        DotNetStats.Register(registry);

        // Prefixed, unlike prometheus-net's default names: the backend this dashboard watches exports its own
        // http_request_duration_seconds, and a scrape job shared by both must never mix the two in the panels.
        app.UseHttpMetrics(options =>
        {
            options.SetMetricFactory(metrics);
            options.RequestCount.Counter = metrics.CreateCounter("barberpro_dashboard_http_requests_received_total",
                "HTTP requests the dashboard answered, by status code, method and route.", s_requestLabels);
            options.RequestDuration.Histogram = metrics.CreateHistogram("barberpro_dashboard_http_request_duration_seconds",
                "Time the dashboard took to answer HTTP requests, by status code, method and route (hub sockets: their lifetime).",
                new HistogramConfiguration { LabelNames = s_requestLabels, Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
            options.InProgress.Gauge = metrics.CreateGauge("barberpro_dashboard_http_requests_in_progress",
                "HTTP requests the dashboard is answering now (open hub sockets included), by method.", s_inProgressLabels);
        });

        var endpoint = app.MapPrometheusMetrics("/metrics").WithName("Metrics");
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.MetricsRequireSignIn)
        {
            endpoint.RequireAuthorization(Policies.Administer);
        }
        else
        {
            endpoint.AllowAnonymous();
        }
        return app;
    }
}
