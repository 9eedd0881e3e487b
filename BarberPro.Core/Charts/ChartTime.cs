using BarberPro.Core.Time;

namespace BarberPro.Core.Charts;

/// <summary>
/// X values of the charts: milliseconds of Argentina wall-clock time, read as if they were UTC. ApexCharts is told to
/// label datetime axes in UTC (<c>xaxis.labels.datetimeUTC</c>), so an instant shifted here is labelled with its ART
/// time in every browser, whatever the browser's own zone; the browser never converts a time.
/// </summary>
public static class ChartTime
{
    public static long AxisMilliseconds(DateTimeOffset instant) =>
        instant.ToUnixTimeMilliseconds() + (long)ArgentinaTime.Zone.GetUtcOffset(instant).TotalMilliseconds;

    public static long AxisMilliseconds(long unixMilliseconds) =>
        AxisMilliseconds(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds));
}
