namespace BarberPro.Core.Metrics;

/// <summary>Meters the exporter listens to; each call to AddPrometheusTextExporter adds its names.</summary>
public sealed class PrometheusTextExporterOptions
{
    public ISet<string> MeterNames { get; } = new SortedSet<string>(StringComparer.Ordinal);
}
