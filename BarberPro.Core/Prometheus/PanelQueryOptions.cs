namespace BarberPro.Core.Prometheus;

/// <summary>
/// The panel queries' settings, bound from the <c>Panels</c> section: <c>Panels:Queries:&lt;Key&gt;</c> overrides
/// one default query of <see cref="PanelQueryCatalog"/>; <c>Panels:Labels</c> names the workload the defaults
/// select, so a cluster with other names changes four settings instead of every query.
/// </summary>
public sealed class PanelQueryOptions
{
    public const string SectionName = "Panels";

    /// <summary>Overrides by key (see <see cref="PanelQueryKeys"/>); each may use only the known placeholders.</summary>
    public Dictionary<string, string> Queries { get; } = new(StringComparer.OrdinalIgnoreCase);

    public PanelQueryLabels Labels { get; set; } = new();

    /// <summary>Prometheus's scrape interval of the backend; sets rate windows (≥ 4 scrapes) and the finest chart step.</summary>
    public TimeSpan ScrapeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Availability objective used by <see cref="PanelQueryKeys.BurnRate"/> (error budget = 1 − SloTarget).</summary>
    public double SloTarget { get; set; } = 0.999;

    /// <summary>
    /// Window of the 5xx ratio tile and chart. It must be the window of the HighErrorRate rule in
    /// deploy/prometheus/rules/barberpro-alerts.yml (5m), so the tile is critical whenever the alert's condition holds;
    /// change both together.
    /// </summary>
    public TimeSpan ErrorRatioWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Upper bound of points per chart series.</summary>
    public int MaxPointsPerSeries { get; set; } = RangeStep.DefaultMaxPoints;
}

/// <summary>Label values filled into <c>{{job}}</c>, <c>{{deployment}}</c>, <c>{{hpa}}</c> and <c>{{container}}</c>.</summary>
public sealed class PanelQueryLabels
{
    public string Job { get; set; } = "barberpro";

    public string Deployment { get; set; } = "barberpro-backend";

    public string Hpa { get; set; } = "barberpro-backend-hpa";

    public string Container { get; set; } = "barberpro-api";
}
