namespace BarberPro.Core.Prometheus;

public static class PrometheusValueExtensions
{
    /// <summary>
    /// The single value of a catalog query evaluated at <paramref name="at"/>; null when it matched no series or is not
    /// a finite number (0/0 without traffic), so the caller shows "no data" rather than a made-up 0.
    /// </summary>
    public static async Task<double?> QueryValueAsync(this PrometheusClient prometheus, PanelQueryCatalog catalog, string key,
        PanelQueryArguments arguments, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prometheus);
        ArgumentNullException.ThrowIfNull(catalog);
        var vector = await prometheus.QueryVectorAsync(catalog.Render(key, arguments), at, cancellationToken);
        return vector.TryGetSingleValue(out var sample) && double.IsFinite(sample.Value) ? sample.Value : null;
    }
}
