namespace BarberPro.Core.Metrics;

internal enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}
