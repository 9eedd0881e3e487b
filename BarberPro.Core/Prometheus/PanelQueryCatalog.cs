using System.Globalization;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Prometheus;

/// <summary>What the caller supplies when rendering a panel query; the workload labels come from configuration.</summary>
public sealed record PanelQueryArguments
{
    /// <summary>Fills <c>{{rate}}</c>; use <see cref="PanelQueryCatalog.InstantRateWindow"/> or <see cref="RangeWindow.RateWindow"/>.</summary>
    public TimeSpan? Rate { get; init; }

    /// <summary>Fills <c>{{window}}</c> (availability and burn-rate periods such as 24h, 7d, 30d).</summary>
    public TimeSpan? Window { get; init; }

    /// <summary>Fills <c>{{city}}</c>.</summary>
    public string? City { get; init; }
}

/// <summary>
/// The one catalog of the PromQL behind each panel: defaults written for the standard exporters (backend
/// histogram, kube-state-metrics, cAdvisor, postgres/redis exporters, blackbox probes), each overridable under
/// <c>Panels:Queries:&lt;Key&gt;</c>. Templates are parsed once; rendering escapes every value.
/// Singleton: immutable after construction.
/// </summary>
public sealed class PanelQueryCatalog
{
    public const string WindowPlaceholder = "window";
    public const string RatePlaceholder = "rate";
    public const string JobPlaceholder = "job";
    public const string DeploymentPlaceholder = "deployment";
    public const string HpaPlaceholder = "hpa";
    public const string ContainerPlaceholder = "container";
    public const string CityPlaceholder = "city";
    public const string ErrorBudgetPlaceholder = "error_budget";

    private const string Total = "http_requests_total{job={{job}}}";
    private const string Errors5xx = "http_requests_total{job={{job}},code=~\"5..\"}";

    /// <summary>Running pods of the deployment, counted once per deployment however many exporters report it.</summary>
    private const string PodsRunning = "sum(max by (namespace, deployment) (kube_deployment_status_replicas{deployment={{deployment}}}))";

    private readonly Dictionary<string, PromQlTemplate> _templates;
    private readonly PanelQueryOptions _options;

    /// <summary>The placeholders a panel query may use.</summary>
    public static IReadOnlyDictionary<string, PromQlPlaceholderKind> Placeholders { get; } = new Dictionary<string, PromQlPlaceholderKind>(StringComparer.Ordinal)
    {
        [WindowPlaceholder] = PromQlPlaceholderKind.Duration,
        [RatePlaceholder] = PromQlPlaceholderKind.Duration,
        [JobPlaceholder] = PromQlPlaceholderKind.LabelValue,
        [DeploymentPlaceholder] = PromQlPlaceholderKind.LabelValue,
        [HpaPlaceholder] = PromQlPlaceholderKind.LabelValue,
        [ContainerPlaceholder] = PromQlPlaceholderKind.LabelValue,
        [CityPlaceholder] = PromQlPlaceholderKind.LabelValue,
        [ErrorBudgetPlaceholder] = PromQlPlaceholderKind.Number,
    };

    /// <summary>The default queries. "or vector(0)" keeps a ratio at 0 (not "no data") while no 5xx series exists yet.</summary>
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [PanelQueryKeys.AvailabilityRatio] =
            $"1 - ((sum(rate({Errors5xx}[{{{{window}}}}])) or vector(0)) / sum(rate({Total}[{{{{window}}}}])))",
        [PanelQueryKeys.LatencyAverage] =
            "sum(rate(http_request_duration_seconds_sum{job={{job}}}[{{rate}}])) / sum(rate(http_request_duration_seconds_count{job={{job}}}[{{rate}}]))",
        [PanelQueryKeys.LatencyP95] =
            "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job={{job}}}[{{rate}}])))",
        [PanelQueryKeys.LatencyP99] =
            "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job={{job}}}[{{rate}}])))",
        [PanelQueryKeys.RequestsPerSecond] =
            $"sum(rate({Total}[{{{{rate}}}}]))",
        [PanelQueryKeys.RequestsPerSecondPeak] =
            $"max_over_time(sum(rate({Total}[{{{{rate}}}}]))[{{{{window}}}}:])",
        [PanelQueryKeys.ErrorRatio5xx] =
            $"(sum(rate({Errors5xx}[{{{{rate}}}}])) or vector(0)) / sum(rate({Total}[{{{{rate}}}}]))",
        // Pods: see PodsRunning. A restart of kube-state-metrics leaves the old and the new exporter's series side by
        // side for a while (they differ only in the exporter's instance/pod labels); summing them counted 51 pods
        // against 27. max by (namespace, deployment) keeps one series per deployment, whichever exporters report it.
        [PanelQueryKeys.PodsCurrent] = PodsRunning,
        [PanelQueryKeys.PodsDesired] =
            "sum(max by (namespace, deployment) (kube_deployment_spec_replicas{deployment={{deployment}}}))",
        [PanelQueryKeys.HpaMin] =
            "max(kube_horizontalpodautoscaler_spec_min_replicas{horizontalpodautoscaler={{hpa}}})",
        [PanelQueryKeys.HpaMax] =
            "max(kube_horizontalpodautoscaler_spec_max_replicas{horizontalpodautoscaler={{hpa}}})",
        [PanelQueryKeys.HpaCurrent] =
            "max(kube_horizontalpodautoscaler_status_current_replicas{horizontalpodautoscaler={{hpa}}})",
        [PanelQueryKeys.HpaDesired] =
            "max(kube_horizontalpodautoscaler_status_desired_replicas{horizontalpodautoscaler={{hpa}}})",

        // Cores used per pod. With the backend's 1-core CPU request this reads directly as utilisation of the
        // request (0.7 = 70 %, the HPA target); with another request, divide by it in an override.
        [PanelQueryKeys.CpuUtilisation] =
            $"sum(rate(container_cpu_usage_seconds_total{{container={{{{container}}}}}}[{{{{rate}}}}])) / {PodsRunning}",
        [PanelQueryKeys.MemoryUtilisation] =
            "sum(container_memory_usage_bytes{container={{container}}}) / sum(container_spec_memory_limit_bytes{container={{container}}})",

        // min: one exporter that cannot reach its server is enough to show the dependency down.
        [PanelQueryKeys.PostgresUp] = "min(pg_up)",
        [PanelQueryKeys.RedisUp] = "min(redis_up)",
        [PanelQueryKeys.ProbeLatencyByCity] = "avg by (city) (probe_duration_seconds)",
        [PanelQueryKeys.ProbeLatencyCity] = "avg(probe_duration_seconds{city={{city}}})",
        [PanelQueryKeys.BurnRate] =
            $"((sum(rate({Errors5xx}[{{{{window}}}}])) or vector(0)) / sum(rate({Total}[{{{{window}}}}]))) / {{{{error_budget}}}}",

        // Cost page: averages over the samples held (5-minute subquery steps, each rate covering its own 5 minutes), so
        // a Prometheus that holds only part of the month averages what it has instead of dividing by time it never saw.
        [PanelQueryKeys.RequestsPerSecondAverage] =
            $"avg_over_time(sum(rate({Total}[5m]))[{{{{window}}}}:5m])",
        [PanelQueryKeys.PodsAverage] =
            $"avg_over_time({PodsRunning}[{{{{window}}}}:5m])",

        // Reports (Core/Reports): the fewest and most pods over the period at the same 5-minute steps as the average,
        // how often the HPA changed its desired replicas, and the minutes each alert fired (from Prometheus's ALERTS).
        [PanelQueryKeys.PodsMin] =
            $"min_over_time({PodsRunning}[{{{{window}}}}:5m])",
        [PanelQueryKeys.PodsMax] =
            $"max_over_time({PodsRunning}[{{{{window}}}}:5m])",
        [PanelQueryKeys.ScaleEventCount] =
            "changes(max(kube_horizontalpodautoscaler_status_desired_replicas{horizontalpodautoscaler={{hpa}}})[{{window}}:1m])",
        [PanelQueryKeys.AlertFiringMinutes] =
            "sum by (alertname) (count_over_time(ALERTS{alertstate=\"firing\"}[{{window}}:1m]))",
    };

    public PanelQueryCatalog(IOptions<PanelQueryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _templates = new Dictionary<string, PromQlTemplate>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, text) in Defaults)
        {
            var source = _options.Queries.TryGetValue(key, out var overridden) ? overridden : text;
            try
            {
                _templates[key] = PromQlTemplate.Parse(source, Placeholders);
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException($"{PanelQueryOptions.SectionName}:Queries:{key} is invalid: {ex.Message}", ex);
            }
        }

        InstantRateWindow = RangeStep.InstantRateWindow(_options.ScrapeInterval);
        ErrorRatioWindow = _options.ErrorRatioWindow;
    }

    public IReadOnlyCollection<string> Keys => _templates.Keys;

    /// <summary>The window of the 5xx ratio: the HighErrorRate rule's (<see cref="PanelQueryOptions.ErrorRatioWindow"/>).</summary>
    public TimeSpan ErrorRatioWindow { get; }

    /// <summary>
    /// The rate window to render <paramref name="key"/> with, given the window the caller would use (the instant rate
    /// window for a tile, the range window's for a chart). The 5xx ratio is never taken over less than the
    /// HighErrorRate rule's window, so the tile and the chart say what the alert sees: never green while it fires.
    /// </summary>
    public TimeSpan RateWindowFor(string key, TimeSpan rate) =>
        string.Equals(key, PanelQueryKeys.ErrorRatio5xx, StringComparison.OrdinalIgnoreCase) && rate < ErrorRatioWindow ? ErrorRatioWindow : rate;

    /// <summary>The rate window of live (instant) queries: four scrape intervals.</summary>
    public TimeSpan InstantRateWindow { get; }

    /// <summary>The query template behind <paramref name="key"/>, e.g. to see which placeholders it needs.</summary>
    public PromQlTemplate Get(string key) => _templates.TryGetValue(key, out var template)
        ? template
        : throw new KeyNotFoundException($"'{key}' is not a panel query; see {nameof(PanelQueryKeys)}.");

    /// <summary>The PromQL of <paramref name="key"/> with the workload labels from configuration and the caller's arguments.</summary>
    /// <exception cref="ArgumentException">The query needs an argument that was not given, or a value is invalid.</exception>
    public string Render(string key, PanelQueryArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var template = Get(key);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var placeholder in template.Placeholders.Keys)
        {
            values[placeholder] = placeholder switch
            {
                JobPlaceholder => _options.Labels.Job,
                DeploymentPlaceholder => _options.Labels.Deployment,
                HpaPlaceholder => _options.Labels.Hpa,
                ContainerPlaceholder => _options.Labels.Container,
                ErrorBudgetPlaceholder => (1 - _options.SloTarget).ToString("R", CultureInfo.InvariantCulture),
                RatePlaceholder => arguments.Rate is { } rate
                    ? PromQl.FormatDuration(rate)
                    : throw new ArgumentException($"Panel query {key} needs {{{{rate}}}}: set {nameof(PanelQueryArguments)}.{nameof(PanelQueryArguments.Rate)}.", nameof(arguments)),
                WindowPlaceholder => arguments.Window is { } window
                    ? PromQl.FormatDuration(window)
                    : throw new ArgumentException($"Panel query {key} needs {{{{window}}}}: set {nameof(PanelQueryArguments)}.{nameof(PanelQueryArguments.Window)}.", nameof(arguments)),
                CityPlaceholder => arguments.City
                    ?? throw new ArgumentException($"Panel query {key} needs {{{{city}}}}: set {nameof(PanelQueryArguments)}.{nameof(PanelQueryArguments.City)}.", nameof(arguments)),
                _ => throw new InvalidOperationException($"Placeholder {{{{{placeholder}}}}} has no source."),
            };
        }

        return template.Render(values);
    }

    /// <summary>The aligned window, step and rate window of a chart of <paramref name="range"/> ending at <paramref name="end"/>.</summary>
    public RangeWindow RangeWindow(DateTimeOffset end, TimeSpan range) =>
        RangeStep.Calculate(end, range, _options.ScrapeInterval, _options.MaxPointsPerSeries);
}
